using CyberPledge.Federation.Node;
using CyberPledge.V1;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Serving.Audit;

/// <summary>
/// The share audit's way to Partners' audit log: RecordShareDecisions as service:federation, up to
/// <see cref="MaxPerCall"/> decisions per call. A held embargo is not recorded: what became of the version is, when
/// it is sent or withheld at release (docs/federation.md "Share audit").
/// </summary>
internal sealed partial class PartnersShareAuditSink(NodeServices services, ILogger<PartnersShareAuditSink> logger) : IShareAuditSink
{
    /// <summary>Partners' bound for one call (one bounded append).</summary>
    public const int MaxPerCall = 10_000;

    public async Task WriteAsync(IReadOnlyList<ServedDecision> batch, CancellationToken cancellationToken)
    {
        var request = new RecordShareDecisionsRequest();
        var unrecordable = 0;
        foreach (var served in batch)
        {
            if (ShareDecisions.ToShareDecision(served) is not { } decision)
            {
                if (served.Outcome != ServeOutcome.Hold)
                {
                    unrecordable++;
                }

                continue;
            }

            request.Decisions.Add(decision);
            if (request.Decisions.Count == MaxPerCall)
            {
                await SendAsync(request, cancellationToken).ConfigureAwait(false);
                request = new RecordShareDecisionsRequest();
            }
        }

        if (request.Decisions.Count > 0)
        {
            await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (unrecordable > 0)
        {
            LogUnrecordable(logger, unrecordable);
        }
    }

    // A batch cut in two by a failure is retried whole: the part already recorded is recorded twice, never lost.
    private Task SendAsync(RecordShareDecisionsRequest request, CancellationToken cancellationToken) =>
        services.Partners.RecordShareDecisionsAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    [LoggerMessage(EventId = 140, Level = LogLevel.Error, Message = "{Count} share decisions not recorded: a version without origin, id or version number")]
    private static partial void LogUnrecordable(ILogger logger, int count);
}
