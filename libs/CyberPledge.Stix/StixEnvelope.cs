using System.Text.Json;

namespace CyberPledge.Stix;

/// <summary>A STIX bundle or a TAXII envelope, read within <see cref="StixReadLimits"/>.</summary>
public sealed class StixEnvelope
{
    internal StixEnvelope(bool isBundle, IReadOnlyList<JsonElement> objects, bool more, string? next)
    {
        IsBundle = isBundle;
        Objects = objects;
        More = more;
        Next = next;
    }

    /// <summary>True for a STIX bundle (<c>"type": "bundle"</c>), false for a TAXII envelope.</summary>
    public bool IsBundle { get; }

    /// <summary>The objects, in document order, each to be read with <see cref="StixImport.Read"/>.</summary>
    public IReadOnlyList<JsonElement> Objects { get; }

    /// <summary>The envelope's <c>more</c> (false for a bundle).</summary>
    public bool More { get; }

    /// <summary>The envelope's <c>next</c>, when present.</summary>
    public string? Next { get; }
}

/// <summary>Why a bundle or envelope was refused as a whole.</summary>
public enum StixEnvelopeError
{
    /// <summary>Larger than <see cref="StixReadLimits.MaxBytes"/> (HTTP 413 in TAXII).</summary>
    TooLarge,

    /// <summary>More objects than <see cref="StixReadLimits.MaxObjects"/> (HTTP 413 in TAXII).</summary>
    TooManyObjects,

    /// <summary>Nested deeper than <see cref="StixReadLimits.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>Not JSON, or not a bundle or envelope.</summary>
    Malformed,
}

/// <summary>A bundle or envelope refused as a whole, before any of its objects was read.</summary>
public sealed class StixEnvelopeException(StixEnvelopeError error, string message) : Exception(message)
{
    /// <summary>Which limit or rule it broke.</summary>
    public StixEnvelopeError Error { get; } = error;
}
