using CyberPledge.Federation.Links.Audit;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Links;

internal sealed partial class LinkSupervisor
{
    /// <summary>Completes once the cut links are loaded and the others started.</summary>
    public Task Started => _started.Task;

    /// <summary>
    /// Enables the cut link from <paramref name="nation"/> again (SECURITY.md rule 7), on an administrator's word: it is
    /// recorded in Partners' audit log first ("link.enabled", <paramref name="actor"/>, when, which link), so an enable
    /// that could not be recorded does not happen; then the store forgets the cut and the link starts from its cursor.
    /// A link that is not cut is returned as it is. Null when this node has no inbound link with that nation.
    /// </summary>
    public async Task<LinkStatus?> EnableAsync(string nation, string actor, CancellationToken cancellationToken)
    {
        if (!_started.Task.IsCompleted)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the links have not started yet"));
        }

        bool cut;
        lock (_gate)
        {
            cut = _disabled.ContainsKey(nation);
        }

        if (!cut)
        {
            return services.Board.Get(nation, LinkDirection.Inbound);
        }

        await services.Audit.RecordNowAsync(LinkEvents.Enabled(nation, actor, services.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await services.Store.EnableLinkAsync(nation, cancellationToken).ConfigureAwait(false);
        LinkLog.Enabled(services.Logger, nation, actor);
        lock (_gate)
        {
            // Two administrators enabling at once: the first starts the link, the second leaves it running.
            if (_disabled.Remove(nation))
            {
                // The cut worker has ended; it is waited for all the same, so the cursor has one writer.
                var previous = _running.Remove(nation, out var ended) ? ended.Stop() : Task.CompletedTask;
                if (!_stopping.IsCancellationRequested && Wanted().TryGetValue(nation, out var peer))
                {
                    services.Board.Update(nation, LinkDirection.Inbound, status => status.State = LinkState.Connecting);
                    _running[nation] = Start(peer, previous);
                }
            }
        }

        return services.Board.Get(nation, LinkDirection.Inbound)
            ?? new LinkStatus { Nation = nation, Direction = LinkDirection.Inbound, State = LinkState.Unspecified };
    }
}
