using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>
/// What this node accepts from one origin nation (section <c>Indicators:Inbound:&lt;NATION&gt;</c>, or <c>*</c> for
/// every origin without its own entry), applied to each foreign version on receipt (SECURITY.md rule 4).
/// </summary>
public sealed class InboundOriginRules
{
    /// <summary>The types accepted from the origin; empty: all. A version of another type is refused (APPLY_OUTCOME_REFUSED).</summary>
    public List<IndicatorType> Types { get; set; } = [];

    /// <summary>
    /// A version signed in a batch (its signature's tree size: one Submit at the origin) of more than this many
    /// versions is stored but flagged for review; 0: no limit. Decided by the origin's batch, not by how links group
    /// versions, so the same version is judged the same way on every path and after every restart.
    /// </summary>
    public int MaxSignedBatch { get; set; }

    /// <summary>Every version from the origin is stored but flagged for review (a new partner on probation, say).</summary>
    public bool FlagAll { get; set; }
}
