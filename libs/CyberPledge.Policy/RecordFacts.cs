using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>What the rules read from an incident record (an incident, one of its updates or its guidance).</summary>
/// <param name="Tlp">The incident's TLP: the fixed TLP rules and the agreement's maximum apply as to indicators.</param>
/// <param name="Sectors">The sectors it concerns (none: it concerns none in particular).</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Relayed">Another nation's incident: incidents are never relayed, each nation notifies its own grantees.</param>
public readonly record struct IncidentFacts(Tlp Tlp, IReadOnlyList<Sector> Sectors, Severity Severity, bool Relayed = false);

/// <summary>What the rules read from this node's support request (or a later step of it: acceptance, decline, closing).</summary>
/// <param name="AddressedTo">The nations it is addressed to (alpha-3); empty: every nation whose agreement allows requests.</param>
/// <param name="Relayed">Another nation's request: support records go only between the two nations concerned.</param>
public readonly record struct SupportRequestFacts(IReadOnlyList<string> AddressedTo, bool Relayed = false);

/// <summary>What the rules read from this node's offer on a support request.</summary>
/// <param name="RequestedBy">The nation that made the request (alpha-3): the only one an offer goes to.</param>
/// <param name="Relayed">Another nation's offer: support records go only between the two nations concerned.</param>
public readonly record struct SupportOfferFacts(string RequestedBy, bool Relayed = false);

/// <summary>What the rules read from a sighting and the indicator it is of.</summary>
/// <param name="IndicatorOrigin">The nation that originated the indicator sighted (alpha-3).</param>
/// <param name="IndicatorReceivedFrom">The nations this node received the indicator from (the links it came by); empty for this node's own.</param>
/// <param name="Relayed">Another node's sighting, received from a peer, rather than one this node made.</param>
/// <param name="RelayPathLength">For a relayed sighting, the relays it went through before this node (DESIGN.md Decision 6).</param>
public readonly record struct SightingFacts(string IndicatorOrigin, IReadOnlyList<string> IndicatorReceivedFrom, bool Relayed = false,
    int RelayPathLength = 0);

/// <summary>Which kind of support record another nation sends this node (<see cref="PolicyEngine.DecideSupportReceipt"/>).</summary>
public enum SupportRecordKind
{
    /// <summary>A support request, or a later step of it.</summary>
    Request = 1,

    /// <summary>An offer on one of this node's requests.</summary>
    Offer = 2,
}

/// <summary>Fields of an incident an agreement leaves out of the copies it shares (DESIGN.md Decision 1: the origin signs a salted digest of each).</summary>
[Flags]
public enum IncidentRedactions : byte
{
    /// <summary>Nothing redacted.</summary>
    None = 0,

    /// <summary><c>affected_services</c>.</summary>
    AffectedServices = 1,
}
