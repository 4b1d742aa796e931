using System.Threading.Channels;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>
/// Partners as Federation follows it, through its gRPC contract: an empty peer registry, the agreements the test
/// sets (WatchAgreements: the active set, then each change the test makes), and the share decisions recorded.
/// </summary>
internal sealed class FakePartners : V1.Partners.PartnersBase
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SharingAgreement> _agreements = new(StringComparer.Ordinal);
    private readonly List<Channel<SharingAgreement>> _watchers = [];
    private readonly List<RecordShareDecisionsRequest> _shareCalls = [];
    private readonly List<TaxiiEvent> _taxiiEvents = [];

    /// <summary>Every RecordShareDecisions request, in order.</summary>
    public RecordShareDecisionsRequest[] ShareCalls
    {
        get
        {
            lock (_lock)
            {
                return [.. _shareCalls];
            }
        }
    }

    /// <summary>When set, RecordShareDecisions fails with this status.</summary>
    public StatusCode? ShareRefusal { get; set; }

    /// <summary>Every TAXII event recorded, in order.</summary>
    public TaxiiEvent[] TaxiiEvents
    {
        get
        {
            lock (_lock)
            {
                return [.. _taxiiEvents];
            }
        }
    }

    /// <summary>When set, RecordTaxiiEvents fails with this status.</summary>
    public StatusCode? TaxiiRefusal { get; set; }

    /// <summary>Sets an agreement (a new one, or a new version of one) and tells every watcher.</summary>
    public void Set(SharingAgreement agreement)
    {
        lock (_lock)
        {
            _agreements[agreement.Id] = agreement;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(agreement);
            }
        }
    }

    public override async Task WatchAgreements(WatchAgreementsRequest request, IServerStreamWriter<AgreementChange> responseStream, ServerCallContext context)
    {
        var changes = Channel.CreateUnbounded<SharingAgreement>();
        List<SharingAgreement> snapshot;
        lock (_lock)
        {
            snapshot = [.. _agreements.Values.Where(a => a.Status == AgreementStatus.Active)];
            _watchers.Add(changes);
        }

        try
        {
            foreach (var agreement in snapshot)
            {
                await responseStream.WriteAsync(new AgreementChange { Kind = AgreementChange.Types.Kind.Snapshot, Agreement = agreement });
            }

            await responseStream.WriteAsync(new AgreementChange { Kind = AgreementChange.Types.Kind.SnapshotEnd });
            await foreach (var agreement in changes.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(new AgreementChange { Kind = AgreementChange.Types.Kind.Changed, Agreement = agreement });
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(changes);
            }
        }
    }

    public override Task<RecordShareDecisionsResponse> RecordShareDecisions(RecordShareDecisionsRequest request, ServerCallContext context)
    {
        if (ShareRefusal is { } refusal)
        {
            throw new RpcException(new Status(refusal, "refused by the test"));
        }

        lock (_lock)
        {
            _shareCalls.Add(request);
            return Task.FromResult(new RecordShareDecisionsResponse());
        }
    }

    public override Task<RecordTaxiiEventsResponse> RecordTaxiiEvents(RecordTaxiiEventsRequest request, ServerCallContext context)
    {
        if (TaxiiRefusal is { } refusal)
        {
            throw new RpcException(new Status(refusal, "refused by the test"));
        }

        lock (_lock)
        {
            _taxiiEvents.AddRange(request.Events);
            return Task.FromResult(new RecordTaxiiEventsResponse());
        }
    }

    public override async Task WatchPeers(WatchPeersRequest request, IServerStreamWriter<PeerRegistrySnapshot> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new PeerRegistrySnapshot { Revision = 1 });
        await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
