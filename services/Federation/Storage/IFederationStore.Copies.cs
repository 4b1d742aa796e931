namespace CyberPledge.Federation.Storage;

/// <summary>
/// What each grantee holds from this node (SECURITY.md rule 6, docs/federation.md "Withdrawals"): per (grantee, origin,
/// indicator) the feed sequence of the last version sent, and of the last withdrawal. Written before the record it
/// describes leaves, so a copy the grantee may hold is never unknown here, across restarts too.
/// </summary>
internal partial interface IFederationStore
{
    /// <summary>The copies <paramref name="grantee"/> was given of these indicators; an indicator never sent to it is absent.</summary>
    Task<IReadOnlyDictionary<CopyKey, SentCopy>> GetCopiesAsync(string grantee, IReadOnlyCollection<CopyKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Merges <paramref name="updates"/> into the copies of <paramref name="grantee"/> in one durable write: each field
    /// keeps the higher sequence, so updates from two streams of one grantee, or a replay, never move one back.
    /// </summary>
    Task SaveCopiesAsync(string grantee, IReadOnlyCollection<KeyValuePair<CopyKey, SentCopy>> updates, CancellationToken cancellationToken);
}

/// <summary>An indicator as the copies are keyed: its origin (nation and node id, as signed) and id.</summary>
internal readonly record struct CopyKey(string OriginNation, string OriginNodeId, string IndicatorId);

/// <summary>
/// One grantee's copy of one indicator, as feed sequences of this node (0: never).
/// </summary>
/// <param name="Sent">The feed sequence of the last version sent to the grantee.</param>
/// <param name="Withdrawn">The feed sequence at which the last withdrawal was sent.</param>
internal readonly record struct SentCopy(ulong Sent, ulong Withdrawn)
{
    /// <summary>
    /// Whether, at feed sequence <paramref name="sequence"/>, the grantee may hold a copy from this node: one was sent at
    /// or before it, and no withdrawal since that send came before it. A withdrawal at or after <paramref name="sequence"/>
    /// is being replayed to a subscriber that resumed from an older cursor: it is sent again (harmless), never skipped.
    /// </summary>
    public bool HeldAt(ulong sequence) => Sent != 0 && Sent <= sequence && !(Withdrawn > Sent && Withdrawn < sequence);

    /// <summary>Whether a withdrawal after the last send came later in the feed than <paramref name="sequence"/>: an older version released then would undo it.</summary>
    public bool WithdrawnAfter(ulong sequence) => Withdrawn > Sent && Withdrawn > sequence;

    /// <summary>Both positions at their higher value.</summary>
    public SentCopy Merge(SentCopy other) => new(Math.Max(Sent, other.Sent), Math.Max(Withdrawn, other.Withdrawn));
}
