namespace CyberPledge.Signing;

/// <summary>
/// The fields of a version that a copy may leave out (DESIGN.md Decision 1). Under canonical encoding v2 each is
/// committed by its own salted digest, so any of them can be redacted; under v1 only the two sensitive texts can
/// (together, through <c>sensitive_digest</c>). The values are those of the policy engine's <c>FieldRedactions</c>,
/// so one converts to the other by a cast.
/// </summary>
[Flags]
public enum RedactableFields
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary><c>sensitive.reporting_organisation</c>.</summary>
    ReportingOrganisation = 1,

    /// <summary><c>sensitive.internal_notes</c>.</summary>
    InternalNotes = 2,

    /// <summary><c>description</c>.</summary>
    Description = 4,

    /// <summary><c>kill_chain_phases</c>.</summary>
    KillChainPhases = 8,

    /// <summary><c>tags</c>.</summary>
    Tags = 16,

    /// <summary>The two texts of <c>sensitive</c>, the only fields a v1 copy can leave out.</summary>
    Sensitive = ReportingOrganisation | InternalNotes,

    /// <summary>Every redactable field.</summary>
    All = Sensitive | Description | KillChainPhases | Tags,
}
