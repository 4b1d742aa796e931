namespace CyberPledge.Stix;

/// <summary>Media types and fixed values of STIX 2.1 and TAXII 2.1.</summary>
public static class StixMediaTypes
{
    /// <summary>A STIX 2.1 bundle or object (STIX 2.1 §1.2.11).</summary>
    public const string Stix = "application/stix+json;version=2.1";

    /// <summary>A TAXII 2.1 resource (TAXII 2.1 §1.6.8).</summary>
    public const string Taxii = "application/taxii+json;version=2.1";

    /// <summary>The TAXII media type without its version, which TAXII 2.1 servers accept as 2.1.</summary>
    public const string TaxiiUnversioned = "application/taxii+json";

    /// <summary>The <c>spec_version</c> of every object this library writes.</summary>
    public const string SpecVersion = "2.1";
}
