namespace CyberPledge.Storage;

/// <summary>
/// Feed sequences in the database: both SQLite and PostgreSQL keep them as signed 64-bit
/// integers, so no store ever hands out one above <see cref="Max"/>.
/// </summary>
public static class StoreSequence
{
    /// <summary>The highest sequence a store can hold.</summary>
    public const ulong Max = long.MaxValue;

    /// <summary>
    /// A sequence as a column value, for comparisons such as "seq &gt; after". One above
    /// <see cref="Max"/> (never handed out) becomes <see cref="Max"/>, which no stored sequence
    /// exceeds: a plain cast would wrap it to a negative number, which every sequence exceeds.
    /// </summary>
    public static long ToColumn(ulong sequence) => sequence > Max ? long.MaxValue : (long)sequence;
}
