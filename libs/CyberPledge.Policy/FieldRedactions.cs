namespace CyberPledge.Policy;

/// <summary>
/// Fields an agreement leaves out of the copies it shares (DESIGN.md Decision 1), as a set of flags so that a
/// decision carries its redactions without allocating. The values are those of CyberPledge.Signing's RedactableFields.
/// </summary>
[Flags]
public enum FieldRedactions
{
    /// <summary>Nothing redacted.</summary>
    None = 0,

    /// <summary><c>sensitive.reporting_organisation</c>.</summary>
    ReportingOrganisation = 1,

    /// <summary><c>sensitive.internal_notes</c>.</summary>
    InternalNotes = 2,

    /// <summary><c>description</c>: signed directly under canonical encoding v1, by its own digest under v2.</summary>
    Description = 4,

    /// <summary><c>kill_chain_phases</c>: signed directly under canonical encoding v1, by its own digest under v2.</summary>
    KillChainPhases = 8,

    /// <summary><c>tags</c>: signed directly under canonical encoding v1, by its own digest under v2.</summary>
    Tags = 16,

    /// <summary>The fields of the <c>sensitive</c> message, committed together through <c>sensitive_digest</c> under v1.</summary>
    Sensitive = ReportingOrganisation | InternalNotes,

    /// <summary>Every redactable field.</summary>
    All = Sensitive | Description | KillChainPhases | Tags,
}
