using CyberPledge.Federation.Taxii;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>TAXII events kept in memory, for tests that compose the connector without Partners.</summary>
internal sealed class RecordingTaxiiAuditSink : ITaxiiAuditSink
{
    private readonly Lock _lock = new();
    private readonly List<TaxiiEvent> _events = [];

    public TaxiiEvent[] Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>When set, every write fails with this status, as Partners would when it cannot record.</summary>
    public StatusCode? Refusal { get; set; }

    public Task WriteAsync(TaxiiEvent e, CancellationToken cancellationToken)
    {
        if (Refusal is { } refusal)
        {
            throw new RpcException(new Status(refusal, "refused by the test"));
        }

        lock (_lock)
        {
            _events.Add(e.Clone());
        }

        return Task.CompletedTask;
    }
}
