using System.Globalization;
using CyberPledge.Stix.Internal;
using CyberPledge.V1;

namespace CyberPledge.Stix;

/// <summary>
/// The deterministic STIX identifiers of what this library exports: UUIDv5 names under <see cref="Namespace"/>, so
/// every version of an indicator, on every node that exports it, has the same id (docs/taxii.md, "STIX mapping").
/// </summary>
public static class StixIds
{
    /// <summary>The UUIDv5 namespace of CyberPledge Mesh STIX ids (a random UUID fixed once).</summary>
    public static readonly Guid Namespace = new("4cd021fd-72ea-4617-ba9d-2ccef87f1ac1");

    /// <summary><c>indicator--</c> UUIDv5 of "indicator/NATION/NODE/ID" (the origin and the origin's indicator id).</summary>
    public static string Indicator(Origin origin, string indicatorId)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return "indicator--" + UuidV5.Create(Namespace, Name("indicator", origin, indicatorId));
    }

    /// <summary>The <c>vulnerability</c> exported beside a CVE indicator (one per indicator, versioned with it).</summary>
    public static string Vulnerability(Origin origin, string indicatorId)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return "vulnerability--" + UuidV5.Create(Namespace, Name("vulnerability", origin, indicatorId));
    }

    /// <summary>The <c>relationship</c> from a CVE indicator to its vulnerability.</summary>
    public static string Relationship(Origin origin, string indicatorId)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return "relationship--" + UuidV5.Create(Namespace, Name("relationship", origin, indicatorId));
    }

    /// <summary><c>identity--</c> UUIDv5 of "identity/NATION": the origin nation as the creator of its indicators.</summary>
    public static string Identity(string nation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nation);
        return "identity--" + UuidV5.Create(Namespace, "identity/" + nation.ToUpperInvariant());
    }

    private static string Name(string kind, Origin origin, string indicatorId) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}/{origin.Nation.ToUpperInvariant()}/{origin.NodeId}/{indicatorId}");
}
