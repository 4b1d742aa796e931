using System.Collections.Concurrent;
using CyberPledge.Federation.Links.Audit;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>The link audit's sink as a list the test reads; <see cref="Failing"/> makes it throw, as Partners unreachable does.</summary>
internal sealed class RecordingLinkAuditSink : ILinkAuditSink
{
    public ConcurrentQueue<LinkEvent> Events { get; } = new();

    public bool Failing { get; set; }

    public Task WriteAsync(IReadOnlyList<LinkEvent> events, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unavailable, "Partners is down (test)"));
        }

        foreach (var linkEvent in events)
        {
            Events.Enqueue(linkEvent);
        }

        return Task.CompletedTask;
    }
}
