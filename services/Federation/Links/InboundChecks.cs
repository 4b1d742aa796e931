using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.ServiceDefaults;
using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Federation.Links;

/// <summary>
/// What a received version must pass before it is applied: a receiver never trusts its sender (DESIGN.md Decisions 3
/// and 6, SECURITY.md rules 3 and 7). The origin's key comes from this node's registry, never from the record.
/// </summary>
internal sealed class InboundChecks(PeerDirectory registry, NodeSelf self)
{
    /// <summary>The longest relay path accepted: the largest hop limit an origin may sign (Indicators' RelayPathRules.MaxHops).</summary>
    public const int MaxRelayHops = 16;

    // Each node keeps its own record of verified batches (VerifiedBatchCache): one ECDSA check per origin batch.
    private readonly IndicatorSignatureVerifier _verifier = new(new VerifiedBatchCache());

    /// <summary>Judges one record received on the link with <paramref name="linkNation"/>.</summary>
    public InboundVerdict Check(IndicatorRecord record, string linkNation)
    {
        var version = record.Version;
        if (version?.Origin is null || version.Id.Length == 0 || version.Signature is null)
        {
            return InboundVerdict.Reject(RejectionReason.Invalid);
        }

        // The relay path's length cap (SECURITY.md rule 7), before any work on it: Indicators would refuse it anyway.
        if (record.Path.Count > MaxRelayHops)
        {
            return InboundVerdict.Reject(RejectionReason.Invalid);
        }

        if (!NationCodes.TryNormalize(version.Origin.Nation, out var origin))
        {
            return InboundVerdict.Reject(RejectionReason.Invalid);
        }

        // This node's own version coming back: a loop (Subscribe names this nation as direct), not a forgery to count.
        if (origin == self.Nation)
        {
            return InboundVerdict.Loop;
        }

        if (registry.SigningKey(origin, version.Signature.KeyId.Span) is not { } key)
        {
            return InboundVerdict.Reject(RejectionReason.UnknownOrigin);
        }

        if (!_verifier.Verify(version, key).IsValid)
        {
            return InboundVerdict.Reject(RejectionReason.BadSignature);
        }

        if (CheckPath(version, origin, record.Path, linkNation) is { } pathRejection)
        {
            return InboundVerdict.Reject(pathRejection);
        }

        // This node's own rules: RED never travels; AMBER+STRICT only from its origin (Decision 10).
        if (version.Tlp == Tlp.Red)
        {
            return InboundVerdict.Reject(RejectionReason.Red);
        }

        if (version.Tlp == Tlp.AmberStrict && record.Path.Count > 0)
        {
            return InboundVerdict.Reject(RejectionReason.AmberStrictRelayed);
        }

        return InboundVerdict.Accept(new ForeignVersion(version, record.Path, key, origin));
    }

    private RejectionReason? CheckPath(Indicator version, string origin, IReadOnlyList<RelayHop> path, string linkNation)
    {
        var distribution = version.Distribution;
        if (path.Count > (distribution?.HopLimit ?? 0))
        {
            return RejectionReason.HopLimit;
        }

        var sender = origin;
        foreach (var hop in path)
        {
            if (!NationCodes.TryNormalize(hop.Nation, out sender))
            {
                return RejectionReason.Invalid;
            }

            // One node per nation (its replicas share its origin, Decision 17): the nation names this node.
            if (sender == self.Nation)
            {
                return RejectionReason.PathThroughThisNode;
            }
        }

        if (sender != linkNation)
        {
            return RejectionReason.NotFromPeer;
        }

        // The origin's signed distribution binds relays (rule 3): a relayed copy must have been re-shareable, and
        // under encoding v2 no more sensitive than the origin's relay ceiling.
        if (path.Count > 0 && (distribution is not { MayReshare: true }
                               || (distribution.MaxRelayTlp != Tlp.Unspecified && version.Tlp > distribution.MaxRelayTlp)))
        {
            return RejectionReason.RelayNotAllowed;
        }

        return null;
    }
}

/// <summary>Why a received version was rejected; each is counted, logged and audited in aggregate.</summary>
internal enum RejectionReason
{
    /// <summary>No origin, id or signature, a relay path over <see cref="InboundChecks.MaxRelayHops"/>, or refused by Indicators.</summary>
    Invalid,
    UnknownOrigin,
    BadSignature,
    HopLimit,
    PathThroughThisNode,
    NotFromPeer,
    RelayNotAllowed,
    Red,
    AmberStrictRelayed,

    /// <summary>Indicators found another copy of the same version (ApplyOutcome.EQUIVOCATION).</summary>
    Equivocation,

    /// <summary>Indicators quarantined the indicator for a version jump (ApplyOutcome.QUARANTINED).</summary>
    VersionJump,
}

/// <summary>The outcome of <see cref="InboundChecks.Check"/>: accepted (to apply), a loop (ignored), or rejected.</summary>
internal readonly record struct InboundVerdict(ForeignVersion? Accepted, RejectionReason? Rejected)
{
    public static InboundVerdict Loop => default;

    public static InboundVerdict Accept(ForeignVersion version) => new(version, null);

    public static InboundVerdict Reject(RejectionReason reason) => new(null, reason);
}
