namespace CyberPledge.Stix;

/// <summary>
/// The STIX objects of one indicator version (<see cref="StixExport.Export"/>) and the shared objects they reference.
/// </summary>
public sealed class StixExportedVersion
{
    internal StixExportedVersion(StixObject indicator, StixObject? vulnerability, StixObject? relationship, IReadOnlyList<StixObject> referenced)
    {
        Indicator = indicator;
        Vulnerability = vulnerability;
        Relationship = relationship;
        Objects = vulnerability is null || relationship is null ? [indicator] : [indicator, vulnerability, relationship];
        Referenced = referenced;
    }

    /// <summary>The <c>indicator</c>: its id is the same for every version, its <c>modified</c> is this version's.</summary>
    public StixObject Indicator { get; }

    /// <summary>For a CVE indicator, the <c>vulnerability</c> (versioned with the indicator); otherwise null.</summary>
    public StixObject? Vulnerability { get; }

    /// <summary>For a CVE indicator, the <c>relationship</c> indicator → vulnerability; otherwise null.</summary>
    public StixObject? Relationship { get; }

    /// <summary>This version's own objects: the indicator, then (CVE) the vulnerability and the relationship.</summary>
    public IReadOnlyList<StixObject> Objects { get; }

    /// <summary>
    /// The shared objects that <see cref="Objects"/> reference, which a consumer needs beside them: the origin's
    /// identity, the TLP marking definition(s), the TLP 2.0 extension definition, and (for a signed version) the
    /// provenance extension definition and its author. The same instances for every version that shares them.
    /// </summary>
    public IReadOnlyList<StixObject> Referenced { get; }
}
