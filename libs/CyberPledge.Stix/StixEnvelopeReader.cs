using System.Text.Json;

namespace CyberPledge.Stix;

/// <summary>
/// Reads a STIX bundle or TAXII envelope. Size is checked first, then one forward-only scan of the bytes checks the
/// nesting depth and counts the objects, and only then is a document built (SECURITY.md rule 10).
/// </summary>
public static class StixEnvelopeReader
{
    /// <summary>Reads <paramref name="utf8Json"/> within <paramref name="limits"/> (default <see cref="StixReadLimits.Default"/>).</summary>
    /// <exception cref="StixEnvelopeException">A limit is exceeded, or the document is not a bundle or envelope.</exception>
    public static StixEnvelope Read(ReadOnlyMemory<byte> utf8Json, StixReadLimits? limits = null)
    {
        limits ??= StixReadLimits.Default;
        if (utf8Json.Length > limits.MaxBytes)
        {
            throw new StixEnvelopeException(StixEnvelopeError.TooLarge, $"larger than {limits.MaxBytes} bytes");
        }

        Scan(utf8Json.Span, limits);
        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        var root = document.RootElement;
        var isBundle = root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "bundle";
        if (isBundle && !(root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.StartsWith("bundle--", StringComparison.Ordinal)))
        {
            throw new StixEnvelopeException(StixEnvelopeError.Malformed, "a bundle needs an id bundle--UUID");
        }

        JsonElement[] objects = root.TryGetProperty("objects", out var list)
            ? list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Select(o => o.Clone())]
                : throw new StixEnvelopeException(StixEnvelopeError.Malformed, "objects is not a list")
            : [];
        var more = !isBundle && root.TryGetProperty("more", out var m) && m.ValueKind == JsonValueKind.True;
        var next = !isBundle && root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new StixEnvelope(isBundle, objects, more, next);
    }

    /// <summary>Reads at most <see cref="StixReadLimits.MaxBytes"/> + 1 bytes of <paramref name="stream"/>, then <see cref="Read"/>.</summary>
    /// <exception cref="StixEnvelopeException">A limit is exceeded (a longer stream is refused without reading the rest).</exception>
    public static async Task<StixEnvelope> ReadAsync(Stream stream, StixReadLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= StixReadLimits.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                throw new StixEnvelopeException(StixEnvelopeError.TooLarge, $"larger than {limits.MaxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), limits);
    }

    private static bool IsValueStart(JsonTokenType token) => token is JsonTokenType.StartObject or JsonTokenType.StartArray
        or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;

    // Depth and the count of the root's "objects" items, before any DOM is built.
    private static void Scan(ReadOnlySpan<byte> utf8Json, StixReadLimits limits)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
        var objects = 0;
        var inObjects = false;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth > limits.MaxDepth)
                {
                    throw new StixEnvelopeException(StixEnvelopeError.TooDeep, $"nested deeper than {limits.MaxDepth}");
                }

                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.EndObject))
                {
                    throw new StixEnvelopeException(StixEnvelopeError.Malformed, "not a JSON object");
                }

                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    inObjects = reader.ValueTextEquals("objects"u8);
                }
                else if (inObjects && reader.CurrentDepth == 2 && IsValueStart(reader.TokenType) && ++objects > limits.MaxObjects)
                {
                    throw new StixEnvelopeException(StixEnvelopeError.TooManyObjects, $"more than {limits.MaxObjects} objects");
                }
            }
        }
        catch (JsonException e)
        {
            throw new StixEnvelopeException(StixEnvelopeError.Malformed, "not JSON: " + e.Message);
        }
    }
}
