using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Serving.Audit;

/// <summary>
/// The share audit's way to Partners' audit log. Partners' RecordShareDecisions is being added (branch fedsupport);
/// until it is merged this sink says, for each batch, how many decisions it could not record, so the gap is visible
/// in the log rather than silent.
/// </summary>
internal sealed partial class PartnersShareAuditSink(ILogger<PartnersShareAuditSink> logger) : IShareAuditSink
{
    public Task WriteAsync(IReadOnlyList<ServedDecision> batch, CancellationToken cancellationToken)
    {
        LogNotRecorded(logger, batch.Count);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "{Count} share decisions not recorded: Partners' RecordShareDecisions is not wired yet")]
    private static partial void LogNotRecorded(ILogger logger, int count);
}
