using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Versioning;

/// <summary>One item of an Import (SECURITY.md rule 2): its validated content, then the version it makes, if any.</summary>
internal sealed class ImportPlan
{
    /// <summary>The normalized content with its derived id and provenance; null when the item is invalid.</summary>
    public required Indicator? Content { get; init; }

    /// <summary>The STIX object's <c>created</c>: the indicator's when it is new.</summary>
    public required Timestamp? StixCreated { get; init; }

    /// <summary>The STIX object's <c>revoked</c>.</summary>
    public required bool Revoked { get; init; }

    public FieldError? Error { get; set; }

    /// <summary>The latest version the plan builds on (null for a new indicator).</summary>
    public StoredIndicator? Base { get; set; }

    public ulong BaseVersion => Base?.Indicator.Version ?? 0;

    /// <summary>The version to store; null when unchanged or rejected.</summary>
    public Indicator? Next { get; set; }

    /// <summary>What the inbound rules and warning lists found in <see cref="Next"/> (SECURITY.md rule 4).</summary>
    public ScreeningResult Screening { get; set; } = new(null, []);

    /// <summary>Stored flagged by a warning list.</summary>
    public bool Flagged { get; set; }
}
