using CyberPledge.V1;
using FsCheck;
using FsCheck.Fluent;

namespace CyberPledge.Policy.Tests.Support;

/// <summary>Random incident, support and sighting rules and records, biased so that both outcomes are common.</summary>
internal static class RecordGenerators
{
    /// <summary>The nations records are addressed to and come from; the grantee is one of them.</summary>
    private static readonly string[] Nations = [Scenario.Grantee, "KOR", "NLD", "DEU"];

    public static Gen<(IncidentRules Incidents, SupportRules Support, SightingRules Sightings)> RecordRules =>
        from share in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from sectors in Gen.Frequency((2, Gen.Constant(Array.Empty<Sector>())), (1, Gen.SubListOf(PolicyGenerators.AllSectors).Select(l => l.ToArray())))
        from minSeverity in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 4)))
        from redact in Gen.Elements(false, true)
        from mayRequest in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from mayOffer in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from sightings in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from sightingHops in Gen.Choose(0, 4)
        select (
            new IncidentRules { Share = share, Sectors = [.. sectors], MinSeverity = (Severity)minSeverity, RedactAffectedServices = redact },
            new SupportRules(mayRequest, mayOffer),
            new SightingRules(sightings, (uint)sightingHops));

    public static Gen<IncidentFacts> Incident =>
        from tlp in PolicyGenerators.AnyTlp
        from sectors in Gen.SubListOf(PolicyGenerators.AllSectors)
        from severity in Gen.Choose(0, 4)
        from relayed in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new IncidentFacts(tlp, [.. sectors], (Severity)severity, relayed);

    public static Gen<SupportRequestFacts> SupportRequest =>
        from addressedTo in Gen.Frequency((1, Gen.Constant(Array.Empty<string>())), (2, Gen.SubListOf(Nations).Select(l => l.ToArray())))
        from relayed in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new SupportRequestFacts(addressedTo, relayed);

    public static Gen<SupportOfferFacts> SupportOffer =>
        from requestedBy in Gen.Elements(Nations)
        from relayed in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new SupportOfferFacts(requestedBy, relayed);

    public static Gen<SightingFacts> Sighting =>
        from origin in Gen.Elements(Nations)
        from receivedFrom in Gen.SubListOf(Nations).Select(l => l.ToArray())
        from relayed in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from path in Gen.Choose(0, 4)
        select new SightingFacts(origin, receivedFrom, relayed, relayed ? path : 0);

    /// <summary>A scenario's agreements and time, with one record of a kind.</summary>
    public static Gen<(Scenario Scenario, T Record)> With<T>(Gen<T> records) =>
        from scenario in PolicyGenerators.Scenarios()
        from record in records
        select (scenario, record);
}
