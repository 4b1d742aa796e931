namespace CyberPledge.Federation.Serving.Audit;

/// <summary>Where batches of share decisions go: Partners' audit log (RecordShareDecisions).</summary>
internal interface IShareAuditSink
{
    /// <summary>Records <paramref name="batch"/> durably; throws when it could not (the batch is retried).</summary>
    Task WriteAsync(IReadOnlyList<ServedDecision> batch, CancellationToken cancellationToken);
}
