using System.Collections.Concurrent;
using CyberPledge.Federation.Serving.Audit;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>The share audit's sink as a list the test reads.</summary>
internal sealed class RecordingShareAuditSink : IShareAuditSink
{
    public ConcurrentQueue<ServedDecision> Decisions { get; } = new();

    public Task WriteAsync(IReadOnlyList<ServedDecision> batch, CancellationToken cancellationToken)
    {
        foreach (var decision in batch)
        {
            Decisions.Enqueue(decision);
        }

        return Task.CompletedTask;
    }
}
