namespace CyberPledge.Stix.Internal.Import;

/// <summary>Ends the reading of one object with the reason it fails; caught by StixImport, never escapes it.</summary>
internal sealed class ImportFailure(string reason) : Exception(reason);
