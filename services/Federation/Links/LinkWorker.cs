using System.Threading.Channels;
using System.Threading.RateLimiting;
using CyberPledge.Federation.Grpc;
using CyberPledge.Federation.Registry;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Federation.Links;

/// <summary>
/// One inbound link: subscribes to a peer's feed through its gateway, checks and applies what arrives, stores the
/// cursor only after what it covers was applied (Decision 4), and reconnects with jittered backoff. Its status is on
/// the <see cref="LinkBoard"/>. Cut (DISABLED) after too many rejections in a window.
/// </summary>
internal sealed partial class LinkWorker : IDisposable
{
    private readonly PeerEntry _peer;
    private readonly LinkServices _services;
    private readonly LinkBackoff _backoff;
    private readonly RejectionTally _rejections;
    private readonly TokenBucketRateLimiter _quota;
    private string? _certificateRefusal;
    private ulong _applied;

    public LinkWorker(PeerEntry peer, LinkServices services)
    {
        _peer = peer;
        _services = services;
        var options = services.Options;
        _backoff = new LinkBackoff(options, Random.Shared);
        _rejections = new RejectionTally(options.RejectionLimit, options.RejectionWindow);
        _quota = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(options.VersionsPerSecond, options.BatchSize),
            TokensPerPeriod = options.VersionsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = Math.Max(options.VersionsPerSecond, options.BatchSize),
            AutoReplenishment = true,
        });
    }

    public string Nation => _peer.Nation;

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
                return Cut();
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

    public void Dispose() => _quota.Dispose();

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

    private LinkState Cut()
    {
        FlushRejections(force: true);
        var at = Timestamp.FromDateTimeOffset(_services.Time.GetUtcNow());
        var error = $"cut after {_services.Options.RejectionLimit} rejected versions within {_services.Options.RejectionWindow}; restart the Federation service to enable it again";
        Show(status =>
        {
            status.State = LinkState.Disabled;
            status.LastError = error;
            status.LastErrorAt = at;
            status.ConnectedSince = null;
        });
        LinkLog.Cut(_services.Logger, Nation, _services.Options.RejectionLimit, _services.Options.RejectionWindow);
        return LinkState.Disabled;
    }

    private void Show(Action<LinkStatus> change) => _services.Board.Update(Nation, LinkDirection.Inbound, change);

    private sealed class LinkCutException : Exception;
}
