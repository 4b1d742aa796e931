using System.Collections.Concurrent;
using CyberPledge.Federation.Links;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// The outbound links on the <see cref="LinkBoard"/>: one per grantee nation, connected while at least one of its
/// streams is open. Position is the feed sequence the subscriber reached, lag_events what the feed holds beyond it,
/// received the versions sent and ignored those withheld.
/// </summary>
internal sealed class OutboundLinks(LinkBoard board, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public void Opened(string nation, ulong position, ulong head)
    {
        _open.AddOrUpdate(nation, 1, (_, count) => count + 1);
        board.Update(nation, LinkDirection.Outbound, status =>
        {
            status.State = LinkState.Connected;
            status.ConnectedSince ??= Timestamp.FromDateTimeOffset(time.GetUtcNow());
            SetPosition(status, position, head);
        });
    }

    public void Sent(string nation, ulong position, ulong head, Timestamp? modified)
    {
        var now = time.GetUtcNow();
        board.Update(nation, LinkDirection.Outbound, status =>
        {
            status.Received++;
            if (modified is not null)
            {
                status.Lag = Duration.FromTimeSpan(TimeSpan.FromTicks(Math.Max(0, (now - modified.ToDateTimeOffset()).Ticks)));
            }

            SetPosition(status, position, head);
        });
    }

    public void Withheld(string nation, ulong position, ulong head) =>
        board.Update(nation, LinkDirection.Outbound, status =>
        {
            status.Ignored++;
            SetPosition(status, position, head);
        });

    public void Moved(string nation, ulong position, ulong head) =>
        board.Update(nation, LinkDirection.Outbound, status => SetPosition(status, position, head));

    /// <summary>A stream ended; <paramref name="error"/> says why when it was not the subscriber leaving.</summary>
    public void Closed(string nation, string? error)
    {
        var left = _open.AddOrUpdate(nation, 0, (_, count) => Math.Max(0, count - 1));
        board.Update(nation, LinkDirection.Outbound, status =>
        {
            if (left == 0)
            {
                status.State = LinkState.Disconnected;
                status.ConnectedSince = null;
            }

            if (error is not null)
            {
                status.LastError = error;
                status.LastErrorAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
            }
        });
    }

    private static void SetPosition(LinkStatus status, ulong position, ulong head)
    {
        status.Position = position;
        status.LagEvents = head > position ? head - position : 0;
    }
}
