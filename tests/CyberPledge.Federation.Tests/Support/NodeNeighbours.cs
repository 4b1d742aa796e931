using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>This node's Indicators as the links use it: its identity, and ApplyForeignVersion ignoring equal or older versions.</summary>
internal sealed class NodeIndicators(Origin self) : V1.Indicators.IndicatorsBase
{
    private readonly Dictionary<(string Nation, string Id), ulong> _stored = [];

    /// <summary>Every version stored, in order.</summary>
    public List<Indicator> Applied { get; } = [];

    /// <summary>How many ApplyForeignVersion calls were made.</summary>
    public int Calls { get; private set; }

    public override Task<NodeIdentity> GetNodeIdentity(GetNodeIdentityRequest request, ServerCallContext context) =>
        Task.FromResult(new NodeIdentity { Origin = self });

    public override Task<ApplyForeignVersionResponse> ApplyForeignVersion(ApplyForeignVersionRequest request, ServerCallContext context)
    {
        lock (Applied)
        {
            Calls++;
            var key = (request.Indicator.Origin.Nation, request.Indicator.Id);
            if (_stored.TryGetValue(key, out var stored) && stored >= request.Indicator.Version)
            {
                return Task.FromResult(new ApplyForeignVersionResponse { Outcome = ApplyOutcome.Ignored, StoredVersion = stored });
            }

            _stored[key] = request.Indicator.Version;
            Applied.Add(request.Indicator);
            return Task.FromResult(new ApplyForeignVersionResponse { Outcome = ApplyOutcome.Applied, StoredVersion = request.Indicator.Version });
        }
    }

    public int AppliedCount
    {
        get
        {
            lock (Applied)
            {
                return Applied.Count;
            }
        }
    }
}

/// <summary>This node's Partners as the registry follower uses it: one snapshot, then silence.</summary>
internal sealed class NodePartners(PeerRegistrySnapshot registry) : Partners.PartnersBase
{
    public override async Task WatchPeers(WatchPeersRequest request, IServerStreamWriter<PeerRegistrySnapshot> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(registry, context.CancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
