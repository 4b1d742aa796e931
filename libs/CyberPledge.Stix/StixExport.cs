using System.Collections.Concurrent;
using CyberPledge.Stix.Internal;
using CyberPledge.Stix.Internal.Export;
using CyberPledge.V1;

namespace CyberPledge.Stix;

/// <summary>
/// Turns stored indicator versions into STIX 2.1 objects (docs/taxii.md, "STIX mapping"). The input is the version as
/// Indicators serves it, possibly redacted by an agreement: a field absent from the copy stays absent from the STIX
/// objects. Which versions may be exported at all (agreements, TLP:RED, unconfirmed warnings) is the caller's
/// decision; <see cref="ExclusionReason"/> names what this node's own marks say.
/// </summary>
public static class StixExport
{
    private static readonly ConcurrentDictionary<string, StixObject> Identities = new(StringComparer.Ordinal);

    /// <summary>The objects of one indicator version and the shared objects they reference.</summary>
    /// <exception cref="ArgumentException">No origin or id, or an unspecified type or TLP.</exception>
    public static StixExportedVersion Export(Indicator version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Origin is null || version.Origin.Nation.Length == 0 || version.Id.Length == 0)
        {
            throw new ArgumentException("an exported version needs its origin and id", nameof(version));
        }

        if (version.Type == IndicatorType.Unspecified || version.Tlp == Tlp.Unspecified || version.Modified is null)
        {
            throw new ArgumentException("an exported version needs its type, TLP and modified time", nameof(version));
        }

        var modified = StixTime.Truncate(version.Modified);
        var created = version.Created is null ? modified : StixTime.Truncate(version.Created);
        var identity = Identity(version.Origin.Nation);
        var facts = new VersionFacts(
            StixIds.Indicator(version.Origin, version.Id), StixIds.Vulnerability(version.Origin, version.Id),
            StixIds.Relationship(version.Origin, version.Id), identity.Id, StixMarkings.MarkingId(version.Tlp),
            created <= modified ? created : modified, modified);
        var indicator = IndicatorObjects.Indicator(version, facts);
        var isCve = version.Type == IndicatorType.Cve;
        return new StixExportedVersion(indicator,
            isCve ? IndicatorObjects.Vulnerability(version, facts) : null,
            isCve ? IndicatorObjects.Relationship(version, facts) : null,
            Referenced(identity, version.Tlp, version.Signature is not null));
    }

    /// <summary>
    /// The <c>identity</c> of an origin nation (identity_class organization), the <c>created_by_ref</c> of its
    /// indicators: id from the nation code, one version, marked TLP:CLEAR.
    /// </summary>
    public static StixObject Identity(string nation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nation);
        return Identities.GetOrAdd(nation.ToUpperInvariant(), static code =>
            ObjectBuilder.Build("identity", StixIds.Identity(code), StixProvenance.Published, StixProvenance.Published, writer =>
            {
                writer.WriteString("created", StixTime.Format(StixProvenance.Published));
                writer.WriteString("modified", StixTime.Format(StixProvenance.Published));
                writer.WriteString("name", code);
                writer.WriteString("description", "The CyberPledge Mesh node of nation " + code + ", origin of the indicators it signs.");
                writer.WriteString("identity_class", "organization");
                writer.WriteStrings("object_marking_refs", [StixMarkings.MarkingId(Tlp.Clear)]);
            }));
    }

    /// <summary>
    /// Why this node's own marks keep a version from TAXII and SIEM consumers (SECURITY.md rules 4 and 8), or null:
    /// "unconfirmed warning-list match" or "quarantined". Agreements are not considered here.
    /// </summary>
    public static string? ExclusionReason(Indicator version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Quarantine is not null)
        {
            return "quarantined";
        }

        return version.Warning is { State: WarningState.Unconfirmed } ? "unconfirmed warning-list match" : null;
    }

    private static StixObject[] Referenced(StixObject identity, Tlp tlp, bool signed)
    {
        var clear = StixMarkings.Definition(Tlp.Clear);
        var marking = StixMarkings.Definition(tlp);
        List<StixObject> objects = [identity, clear];
        if (tlp != Tlp.Clear)
        {
            objects.Add(marking);
        }

        objects.Add(StixMarkings.TlpExtensionDefinition);
        if (signed)
        {
            objects.Add(StixProvenance.ExtensionDefinition);
            objects.Add(StixProvenance.Author);
        }

        return [.. objects];
    }
}
