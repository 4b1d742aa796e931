using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Serving.Feed;
using CyberPledge.Federation.Storage;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// Serves this node's feed to one subscriber (Subscribe): from its cursor, filtered and redacted by its agreements,
/// then live (docs/federation.md). The caller's nation (its <c>node:</c> or <c>partner:</c> role) is the grantee.
/// </summary>
internal sealed partial class FeedServer(
    NodeServices services,
    NodeSelf self,
    AgreementDirectory agreements,
    FeedPolicy policy,
    IFederationStore store,
    CursorSealer sealer,
    ShareAudit audit,
    OutboundLinks links,
    SharedFeed feed,
    TimeProvider time,
    ILogger<FeedServer> logger)
{
    public async Task ServeAsync(SubscribeRequest request, IServerStreamWriter<FeedRecord> stream, ServerCallContext context)
    {
        var grantee = context.GetCallerIdentity().Nation
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "only a peer node or a partner subscribes"));
        if (!agreements.IsInForce(grantee))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"no agreement with {grantee} is in force"));
        }

        var cancellationToken = context.CancellationToken;
        var feedId = self.Identity.FeedId;
        var cursor = new FeedCursor(feedId, 0, ReleasePosition.Start);
        if (!request.Cursor.IsEmpty)
        {
            // One message for every bad cursor: which check failed is not the grantee's business.
            cursor = await sealer.UnsealAsync(request.Cursor.Memory, grantee, cancellationToken).ConfigureAwait(false) is { } opened && opened.FeedId == feedId
                ? opened
                : throw new RpcException(new Status(StatusCode.InvalidArgument, "cursor: not a cursor of this node's feed for you"));
        }

        var direct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nation in request.DirectOrigins)
        {
            direct.Add(NationCodes.TryNormalize(nation, out var alpha3) ? alpha3 : nation);
        }

        // The subscriber stores a cursor only after applying what it covers, so the holds it passed are done with.
        await store.ForgetHoldsAsync(grantee, cursor.Released, cancellationToken).ConfigureAwait(false);
        var session = new FeedSession(this, new Subscriber(grantee, direct), cursor, stream, cancellationToken);
        LogOpened(logger, grantee, cursor.Sequence);
        string? error = null;
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            error = e.Status.Detail;
            LogEnded(logger, grantee, e.StatusCode, e.Status.Detail);
            throw;
        }
        finally
        {
            links.Closed(grantee, error);
        }
    }

    internal NodeServices Services => services;

    internal AgreementDirectory Agreements => agreements;

    internal FeedPolicy Policy => policy;

    internal IFederationStore Store => store;

    internal CursorSealer Sealer => sealer;

    internal ShareAudit Audit => audit;

    internal OutboundLinks Links => links;

    internal SharedFeed Feed => feed;

    internal TimeProvider Time => time;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Serving the feed to {Grantee} from sequence {Sequence}")]
    private static partial void LogOpened(ILogger logger, string grantee, ulong sequence);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "The feed to {Grantee} ended ({Status}: {Detail})")]
    private static partial void LogEnded(ILogger logger, string grantee, StatusCode status, string detail);
}
