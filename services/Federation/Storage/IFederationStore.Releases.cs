namespace CyberPledge.Federation.Storage;

/// <summary>
/// The outgoing feed's embargo holds (DESIGN.md Decision 5, docs/federation.md "Embargo"): a version allowed for a
/// grantee with a release time in the future is held here, durably, before the grantee's cursor passes it, and goes
/// out when its time comes, in (release time, feed sequence) order, also after a restart.
/// </summary>
internal partial interface IFederationStore
{
    /// <summary>
    /// Holds <paramref name="hold"/> for <paramref name="grantee"/>, durably before returning. Idempotent by (grantee,
    /// sequence): holding the same sequence again replaces its release time and event.
    /// </summary>
    Task HoldAsync(string grantee, EmbargoHold hold, CancellationToken cancellationToken);

    /// <summary>
    /// The holds of <paramref name="grantee"/> after <paramref name="after"/> whose release time is at most
    /// <paramref name="upTo"/>, in (release time, sequence) order, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<EmbargoHold>> DueHoldsAsync(string grantee, ReleasePosition after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest release time of the holds of <paramref name="grantee"/> after <paramref name="after"/>; null when there is none.</summary>
    Task<DateTimeOffset?> NextReleaseAsync(string grantee, ReleasePosition after, CancellationToken cancellationToken);

    /// <summary>Forgets the holds of <paramref name="grantee"/> at or before <paramref name="upTo"/>: the grantee applied them.</summary>
    Task ForgetHoldsAsync(string grantee, ReleasePosition upTo, CancellationToken cancellationToken);
}

/// <summary>An embargoed version held for one grantee.</summary>
/// <param name="Sequence">Its sequence in this node's feed.</param>
/// <param name="ReleaseAt">When it may go out.</param>
/// <param name="ChangeEvent">The feed's ChangeEvent as read (serialized protobuf): the full version, decided and redacted again at release.</param>
internal sealed record EmbargoHold(ulong Sequence, DateTimeOffset ReleaseAt, byte[] ChangeEvent)
{
    /// <summary>Where the hold stands in the release order.</summary>
    public ReleasePosition Position => new(ReleaseAt.UtcTicks, Sequence);
}

/// <summary>A place in a grantee's release order: (release time in UTC ticks, feed sequence); <see cref="Start"/> is before every hold.</summary>
internal readonly record struct ReleasePosition(long ReleaseTicks, ulong Sequence) : IComparable<ReleasePosition>
{
    /// <summary>Before every hold.</summary>
    public static ReleasePosition Start => default;

    /// <inheritdoc/>
    public int CompareTo(ReleasePosition other)
    {
        var byTime = ReleaseTicks.CompareTo(other.ReleaseTicks);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(ReleasePosition left, ReleasePosition right) => left.CompareTo(right) < 0;

    public static bool operator >(ReleasePosition left, ReleasePosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReleasePosition left, ReleasePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReleasePosition left, ReleasePosition right) => left.CompareTo(right) >= 0;
}
