using CyberPledge.Federation.Node;
using CyberPledge.Federation.Serving;
using CyberPledge.Stix;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Taxii;

/// <summary>One version as a caller may see it: the copy (redacted for a grantee) and the decision that allowed it.</summary>
internal sealed record VisibleVersion(Indicator Copy, ServeDecision? Decision);

/// <summary>
/// What one caller may see of this node's versions, decided as the federation feed decides them (FeedPolicy: the
/// agreements in force, the relay rules, the redactions). Whatever the caller, an indicator flagged by a warning list
/// and not confirmed, or quarantined, is not served (SECURITY.md rules 4 and 8). This nation's staff see the rest,
/// TLP:RED included. A version under an embargo is not served until its release.
/// </summary>
internal sealed class TaxiiView(TaxiiCaller caller, FeedPolicy policy, NodeServices services, TimeProvider time, CancellationToken cancellationToken)
{
    private static readonly IReadOnlySet<string> NoDirectOrigins = new HashSet<string>();

    private readonly Dictionary<(string Id, ulong Version), bool> _visible = [];
    private readonly Dictionary<string, ulong> _latest = new(StringComparer.Ordinal);

    public TaxiiCaller Caller => caller;

    public VisibleVersion? Decide(ChangeEvent change)
    {
        if (StixExport.ExclusionReason(change.Indicator) is not null)
        {
            return null;
        }

        if (caller.Grantee is not { } grantee)
        {
            var copy = change.Indicator.Clone();
            copy.Warning = null;
            return new VisibleVersion(copy, null);
        }

        var decision = policy.Decide(change, new Subscriber(grantee, NoDirectOrigins), time.GetUtcNow());
        return decision.Outcome == ServeOutcome.Send
            ? new VisibleVersion(policy.ToRecord(change, decision).Indicator.Version, decision)
            : null;
    }

    /// <summary>Whether no later version of the indicator is visible to the caller (match[version]=last).</summary>
    public async Task<bool> IsLastAsync(ChangeEvent change)
    {
        if (change.LatestSequence == change.Sequence)
        {
            // The feed says no later version is stored: nothing to read.
            return true;
        }

        var version = change.Indicator.Version;
        var latest = await LatestAsync(change.Indicator.Id).ConfigureAwait(false);
        for (var later = latest; later > version; later--)
        {
            if (await IsVisibleAsync(change, later).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether no earlier version of the indicator is visible to the caller (match[version]=first).</summary>
    public async Task<bool> IsFirstAsync(ChangeEvent change)
    {
        for (ulong earlier = 1; earlier < change.Indicator.Version; earlier++)
        {
            if (await IsVisibleAsync(change, earlier).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<ulong> LatestAsync(string id)
    {
        if (!_latest.TryGetValue(id, out var latest))
        {
            latest = (await services.Indicators.GetAsync(new GetRequest { Id = id }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false)).Version;
            _latest[id] = latest;
        }

        return latest;
    }

    /// <summary>Another version of the same indicator, decided as it stands now (its relay path taken as this one's).</summary>
    private async Task<bool> IsVisibleAsync(ChangeEvent change, ulong version)
    {
        var key = (change.Indicator.Id, version);
        if (_visible.TryGetValue(key, out var visible))
        {
            return visible;
        }

        Indicator other;
        try
        {
            other = await services.Indicators.GetAsync(new GetRequest { Id = change.Indicator.Id, Version = version }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // A foreign indicator's version numbers may have gaps: this node never stored that one.
            _visible[key] = false;
            return false;
        }

        visible = Decide(new ChangeEvent { Sequence = change.Sequence, Indicator = other, RelayPath = { change.RelayPath } }) is not null;
        _visible[key] = visible;
        return visible;
    }
}
