using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>
/// This node's Indicators as the links use it: its identity, and ApplyForeignVersions applying in order and ignoring
/// equal or older versions; a test can script an item's outcome, or refuse an item as Indicators refuses an invalid one.
/// </summary>
internal sealed class NodeIndicators(Origin self) : V1.Indicators.IndicatorsBase
{
    private readonly Dictionary<(string Nation, string Id), ulong> _stored = [];
    private readonly List<ApplyForeignVersionsRequest> _batches = [];

    /// <summary>Every version stored, in order.</summary>
    public List<Indicator> Applied { get; } = [];

    /// <summary>Every ApplyForeignVersions request received, in order.</summary>
    public ApplyForeignVersionsRequest[] Batches
    {
        get
        {
            lock (Applied)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>How many items all ApplyForeignVersions calls carried.</summary>
    public int Items
    {
        get
        {
            lock (Applied)
            {
                return _batches.Sum(b => b.Items.Count);
            }
        }
    }

    /// <summary>An outcome other than applied or ignored for an item (null: as stored versions say).</summary>
    public Func<ApplyForeignVersionRequest, ApplyOutcome?> Script { get; set; } = _ => null;

    /// <summary>Items refused as invalid: the whole call fails with INVALID_ARGUMENT naming the first such item.</summary>
    public Func<ApplyForeignVersionRequest, bool> Invalid { get; set; } = _ => false;

    /// <summary>When set, each call is recorded, then waits for it before applying.</summary>
    public Task? Gate { get; set; }

    public override Task<NodeIdentity> GetNodeIdentity(GetNodeIdentityRequest request, ServerCallContext context) =>
        Task.FromResult(new NodeIdentity { Origin = self });

    public override async Task<ApplyForeignVersionsResponse> ApplyForeignVersions(ApplyForeignVersionsRequest request, ServerCallContext context)
    {
        lock (Applied)
        {
            _batches.Add(request.Clone());
        }

        if (Gate is { } gate)
        {
            await gate.WaitAsync(context.CancellationToken);
        }

        lock (Applied)
        {
            for (var i = 0; i < request.Items.Count; i++)
            {
                if (Invalid(request.Items[i]))
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"items[{i}].indicator.signature: does not verify"));
                }
            }

            var response = new ApplyForeignVersionsResponse();
            foreach (var item in request.Items)
            {
                response.Results.Add(Apply(item));
            }

            return response;
        }
    }

    private ApplyForeignVersionResponse Apply(ApplyForeignVersionRequest item)
    {
        var key = (item.Indicator.Origin.Nation, item.Indicator.Id);
        var stored = _stored.GetValueOrDefault(key);
        if (Script(item) is { } scripted)
        {
            return new ApplyForeignVersionResponse { Outcome = scripted, StoredVersion = stored };
        }

        if (stored >= item.Indicator.Version)
        {
            return new ApplyForeignVersionResponse { Outcome = ApplyOutcome.Ignored, StoredVersion = stored };
        }

        _stored[key] = item.Indicator.Version;
        Applied.Add(item.Indicator);
        return new ApplyForeignVersionResponse { Outcome = ApplyOutcome.Applied, StoredVersion = item.Indicator.Version };
    }

    /// <summary>Every WithdrawForeignCopy request received, in order.</summary>
    public List<WithdrawForeignCopyRequest> Withdrawn { get; } = [];

    /// <summary>Whether a version of the indicator is stored (it leaves at a withdrawal: this fake has one provider per indicator).</summary>
    public bool Holds(Indicator version)
    {
        lock (Applied)
        {
            return _stored.ContainsKey((version.Origin.Nation, version.Id));
        }
    }

    public override Task<WithdrawForeignCopyResponse> WithdrawForeignCopy(WithdrawForeignCopyRequest request, ServerCallContext context)
    {
        lock (Applied)
        {
            Withdrawn.Add(request);
            var removed = _stored.Remove((request.Origin.Nation, request.IndicatorId));
            return Task.FromResult(new WithdrawForeignCopyResponse { Outcome = removed ? WithdrawOutcome.Removed : WithdrawOutcome.Unchanged });
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
internal sealed class NodePartners(PeerRegistrySnapshot registry) : V1.Partners.PartnersBase
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
