using System.Threading.Channels;
using CyberPledge.Federation.Grpc;
using CyberPledge.Federation.Links.Audit;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Storage;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Federation.Links;

/// <summary>
/// One inbound link: subscribes to a peer's feed through its gateway, checks and applies what arrives, stores the
/// cursor only after what it covers was applied (Decision 4), and reconnects with jittered backoff. Its status is on
/// the <see cref="LinkBoard"/>. Cut (DISABLED, kept in the store) after too many rejections in a window.
/// </summary>
internal sealed partial class LinkWorker
{
    private readonly PeerEntry _peer;
    private readonly LinkServices _services;
    private readonly LinkBackoff _backoff;
    private readonly RejectionTally _rejections;
    private readonly FlowQuota _versionQuota;
    private readonly FlowQuota _byteQuota;
    private string? _certificateRefusal;
    private ulong _applied;

    public LinkWorker(PeerEntry peer, LinkServices services)
    {
        _peer = peer;
        _services = services;
        var options = services.Options;
        _backoff = new LinkBackoff(options, Random.Shared);
        _rejections = new RejectionTally(options.RejectionLimit, options.RejectionWindow);
        _versionQuota = new FlowQuota(options.VersionsPerSecond, services.Time);
        _byteQuota = new FlowQuota(options.BytesPerSecond, services.Time);
    }

    public string Nation => _peer.Nation;

    /// <summary>Why and when the link was cut, once <see cref="RunAsync"/> returned <see cref="LinkState.Disabled"/>.</summary>
    public DisabledLink? CutRecord { get; private set; }

    /// <summary>Runs until <paramref name="stop"/> or until the link is cut; returns the state it ended in.</summary>
    public async Task<LinkState> RunAsync(CancellationToken stop)
    {
        Show(status =>
        {
            status.State = LinkState.Connecting;
            status.Endpoint = _peer.Endpoint;
        });
        while (!stop.IsCancellationRequested)
        {
            RpcException failure;
            try
            {
                await SessionAsync(stop).ConfigureAwait(false);
                failure = new RpcException(new Status(StatusCode.Unavailable, "the peer ended the stream"));
            }
            catch (LinkCutException)
            {
                return await CutAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (RpcException e)
            {
                failure = e;
            }
#pragma warning disable CA1031 // The store or Indicators failing is a failed session: the link retries, it must not die quietly.
            catch (Exception e) when (!stop.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failure = new RpcException(new Status(StatusCode.Internal, e.Message, e));
            }

            var refused = failure.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
            var delay = _backoff.Next(refused);
            var error = Describe(failure);
            var at = Timestamp.FromDateTimeOffset(_services.Time.GetUtcNow());
            Show(status =>
            {
                status.State = LinkState.BackingOff;
                status.LastError = error;
                status.LastErrorAt = at;
                status.ConnectedSince = null;
            });
            LinkLog.Failed(_services.Logger, Nation, failure.StatusCode, error, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _services.Time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Show(status => status.State = LinkState.Connecting);
        }

        FlushRejections(force: true);
        return LinkState.Unspecified;
    }

    private async Task SessionAsync(CancellationToken stop)
    {
        _certificateRefusal = null;
        using var channel = _services.Channels.Open(_peer, reason => _certificateRefusal = reason);
        var client = new V1.Federation.FederationClient(channel);
        var hello = await client.HelloAsync(
            new HelloRequest { ProtocolVersion = FederationGrpcService.ProtocolVersion, Capabilities = { FederationGrpcService.Capabilities } },
            deadline: _services.Time.GetUtcNow().UtcDateTime + _services.Options.HelloTimeout,
            cancellationToken: stop).ConfigureAwait(false);
        if (!ServiceDefaults.NationCodes.TryNormalize(hello.Node?.Nation, out var helloNation) || helloNation != Nation)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"the peer at {_peer.Endpoint} says it is {hello.Node?.Nation}, not {Nation}"));
        }

        var stored = await _services.Store.GetCursorAsync(Nation, stop).ConfigureAwait(false);
        _applied = stored?.Applied ?? 0;
        var request = new SubscribeRequest { ProtocolVersion = FederationGrpcService.ProtocolVersion, DirectOrigins = { _services.DirectOrigins() } };
        if (stored is not null)
        {
            request.Cursor = Google.Protobuf.ByteString.CopyFrom(stored.Cursor);
        }

        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var call = client.Subscribe(request, cancellationToken: session.Token);
        LinkLog.Subscribed(_services.Logger, Nation, _peer.Endpoint, hello.Node!.Nation, hello.Node.NodeId, hello.ProtocolVersion, _applied);
        var since = Timestamp.FromDateTimeOffset(_services.Time.GetUtcNow());
        Show(status =>
        {
            status.State = LinkState.Connected;
            status.ConnectedSince = since;
            status.Position = _applied;
        });
        _backoff.Reset();

        // A bounded buffer between the stream and Indicators: reading stops when applying lags, and HTTP/2 flow
        // control then slows the peer. Batches form from whatever arrived while the previous one was applied.
        var buffer = Channel.CreateBounded<FeedRecord>(new BoundedChannelOptions(_services.Options.BatchSize) { SingleReader = true, SingleWriter = true });
        var reading = ReadAsync(call.ResponseStream, buffer.Writer, session.Token);
        try
        {
            await ApplyAsync(buffer.Reader, session.Token).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    private static async Task ReadAsync(IAsyncStreamReader<FeedRecord> stream, ChannelWriter<FeedRecord> buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (await stream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                await buffer.WriteAsync(stream.Current, cancellationToken).ConfigureAwait(false);
            }

            buffer.TryComplete();
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            buffer.TryComplete(e);
        }
    }

    private string Describe(RpcException failure) => _certificateRefusal is { } refusal
        ? $"the peer's certificate was refused: {refusal}"
        : $"{failure.StatusCode}: {failure.Status.Detail}";

    /// <summary>
    /// Cuts the link: shown DISABLED, kept in the store so it stays down across restarts until an administrator enables
    /// it (EnableLink), and recorded in the audit log after the window's rejections that cut it.
    /// </summary>
    private async Task<LinkState> CutAsync()
    {
        FlushRejections(force: true);
        var now = _services.Time.GetUtcNow();
        var options = _services.Options;
        var error = $"cut after {options.RejectionLimit} rejected versions within {options.RejectionWindow}; an administrator enables it again (cyberpledge links enable {Nation})";
        CutRecord = new DisabledLink(Nation, error, now);
        try
        {
            await _services.Store.DisableLinkAsync(CutRecord, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The link is cut in any case; not kept, it only comes back after a restart, which the log says.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LinkLog.CutNotKept(_services.Logger, Nation, e.Message);
        }

        _services.Audit.Record(LinkEvents.Cut(Nation, error, now));
        ShowDisabled(_services.Board, CutRecord);
        LinkLog.Cut(_services.Logger, Nation, options.RejectionLimit, options.RejectionWindow);
        return LinkState.Disabled;
    }

    /// <summary>Shows <paramref name="link"/> as cut on the board.</summary>
    public static void ShowDisabled(LinkBoard board, DisabledLink link)
    {
        var at = Timestamp.FromDateTimeOffset(link.DisabledAt);
        board.Update(link.Nation, LinkDirection.Inbound, status =>
        {
            status.State = LinkState.Disabled;
            status.LastError = link.Reason;
            status.LastErrorAt = at;
            status.ConnectedSince = null;
        });
    }

    private void Show(Action<LinkStatus> change) => _services.Board.Update(Nation, LinkDirection.Inbound, change);

    private sealed class LinkCutException : Exception;
}
