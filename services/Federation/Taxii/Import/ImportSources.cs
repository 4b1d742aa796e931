namespace CyberPledge.Federation.Taxii.Import;

/// <summary>
/// The <c>ImportProvenance.source</c> strings (SECURITY.md rule 2: who gave the data, through which collection or
/// connector). An imported indicator is keyed by (source, STIX id).
/// </summary>
internal static class ImportSources
{
    /// <summary>A TAXII POST to a collection by a caller.</summary>
    public static string ForPost(string collectionId, string callerSubject) => $"taxii-post:{collectionId}:{callerSubject}";

    /// <summary>A connector pulling an external TAXII collection.</summary>
    public static string ForConnector(string sourceName) => $"taxii-connector:{sourceName}";
}
