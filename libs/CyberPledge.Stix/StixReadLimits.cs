namespace CyberPledge.Stix;

/// <summary>The bounds a STIX bundle or TAXII envelope is checked against before it is parsed (SECURITY.md rule 10).</summary>
/// <param name="MaxBytes">The largest document, in bytes.</param>
/// <param name="MaxObjects">The most objects in its <c>objects</c> list.</param>
/// <param name="MaxDepth">The deepest nesting of JSON objects and arrays.</param>
public sealed record StixReadLimits(long MaxBytes = 16 * 1024 * 1024, int MaxObjects = 10_000, int MaxDepth = 32)
{
    /// <summary>16 MiB, 10,000 objects, depth 32.</summary>
    public static StixReadLimits Default { get; } = new();
}
