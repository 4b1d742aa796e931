using CyberPledge.Indicators.Validation;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Versioning;

/// <summary>
/// What one submitted item will do, decided on committed data before the write: reject it,
/// leave it unchanged, or store <see cref="Next"/> (signed outside the writer). The writer
/// keeps the plan only if the indicator is still at <see cref="BaseVersion"/>.
/// </summary>
internal sealed class ItemPlan
{
    public required Indicator? Content { get; init; }

    public FieldError? Error { get; set; }

    /// <summary>The latest version the plan builds on (null for a new indicator).</summary>
    public StoredIndicator? Base { get; set; }

    public ulong BaseVersion => Base?.Indicator.Version ?? 0;

    /// <summary>The version to store; null when unchanged or rejected.</summary>
    public Indicator? Next { get; set; }
}
