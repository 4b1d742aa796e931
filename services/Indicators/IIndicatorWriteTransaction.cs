using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>The writes of one <see cref="IIndicatorStore.WriteAsync{T}"/> work; lookups see its own earlier writes.</summary>
public interface IIndicatorWriteTransaction : IIndicatorLookup
{
    /// <summary>Stores a version as the indicator's latest and appends it to the change feed; returns its sequence.</summary>
    /// <param name="version">The version as its origin signed it.</param>
    /// <param name="received">A foreign version's relay path and leaf digest; null for this node's own versions.</param>
    ulong Append(Indicator version, ReceivedCopy? received = null);

    /// <summary>
    /// Keeps <paramref name="evidence"/> (once: the same indicator, version and leaf digest again is a no-op) and
    /// quarantines its indicator, from <paramref name="evidence"/>'s reception on unless it already is.
    /// </summary>
    void Quarantine(QuarantinedVersion evidence);

    /// <summary>Sets (or replaces) the indicator's warning flag (SECURITY.md rule 4): this node's mark, never signed or sent.</summary>
    void SetWarning(string indicatorId, WarningFlag flag);

    /// <summary>Removes the indicator's warning flag, if any.</summary>
    void ClearWarning(string indicatorId);

    /// <summary>Appends an analyst's review of a warning flag to the audit.</summary>
    void RecordWarningReview(WarningReviewRecord review);

    /// <summary>Appends an analyst's promotion of an imported indicator to the audit.</summary>
    void RecordImportPromotion(ImportPromotionRecord promotion);

    /// <summary>Keeps a request's answer under its idempotency key.</summary>
    void SaveIdempotency(IdempotencyRecord record);

    /// <summary>Records that the link with <paramref name="provider"/> (a nation) provides the foreign indicator <paramref name="id"/>; once.</summary>
    void AddProvider(string id, string provider);

    /// <summary>The links (nations) recorded as providing the foreign indicator <paramref name="id"/>, in ordinal order.</summary>
    IReadOnlyList<string> FindProviders(string id);

    /// <summary>Forgets that the link with <paramref name="provider"/> provides <paramref name="id"/>.</summary>
    void RemoveProvider(string id, string provider);

    /// <summary>
    /// The indicator leaves this node (SECURITY.md rule 6): every stored version of it, its latest row and its providers
    /// go, and a removal is appended to the change feed in their place (read back with <see cref="StoredIndicator.Removed"/>
    /// set and <paramref name="latest"/>'s version). Returns the removal's sequence.
    /// </summary>
    ulong Remove(StoredIndicator latest);
}
