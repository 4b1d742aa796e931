namespace CyberPledge.Stix;

/// <summary>What <see cref="StixImport.Read"/> made of one STIX object.</summary>
public enum StixImportOutcome
{
    /// <summary>An indicator the node can represent: <see cref="StixImportResult.Draft"/> is set.</summary>
    Draft,

    /// <summary>
    /// A definition the node already knows or only needs to read other objects (an official TLP 2.0 marking definition,
    /// an extension definition, an identity): nothing to store, not a failure.
    /// </summary>
    Reference,

    /// <summary>The node cannot represent the object: <see cref="StixImportResult.Reason"/> says why.</summary>
    Failed,
}

/// <summary>One STIX object's import result: a draft, a reference, or a failure with its reason.</summary>
public sealed class StixImportResult
{
    private StixImportResult(StixImportOutcome outcome, string? id, string? version, StixIndicatorDraft? draft, string? reason)
    {
        Outcome = outcome;
        Id = id;
        Version = version;
        Draft = draft;
        Reason = reason;
    }

    /// <summary>Draft, reference or failure.</summary>
    public StixImportOutcome Outcome { get; }

    /// <summary>The object's <c>id</c> when it has a readable one (a TAXII status names objects by it).</summary>
    public string? Id { get; }

    /// <summary>The object's <c>modified</c> (or <c>created</c>) as written, when readable.</summary>
    public string? Version { get; }

    /// <summary>The draft, for <see cref="StixImportOutcome.Draft"/>.</summary>
    public StixIndicatorDraft? Draft { get; }

    /// <summary>Why the object failed, or what a reference is; null for a draft.</summary>
    public string? Reason { get; }

    internal static StixImportResult ForDraft(StixIndicatorDraft draft, string version) =>
        new(StixImportOutcome.Draft, draft.StixId, version, draft, null);

    internal static StixImportResult ForReference(string? id, string? version, string reason) =>
        new(StixImportOutcome.Reference, id, version, null, reason);

    internal static StixImportResult ForFailure(string? id, string? version, string reason) =>
        new(StixImportOutcome.Failed, id, version, null, reason);
}
