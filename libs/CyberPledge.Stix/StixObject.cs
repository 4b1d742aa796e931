using System.Text;
using System.Text.Json;

namespace CyberPledge.Stix;

/// <summary>
/// One STIX 2.1 object as serialized JSON (UTF-8, compact, properties in a fixed order), with the facts a TAXII
/// server indexes it by. Immutable: the same instance may be served to many callers.
/// </summary>
public sealed class StixObject
{
    private readonly byte[] _utf8Json;

    internal StixObject(string type, string id, DateTimeOffset created, DateTimeOffset? modified, string versionText, byte[] utf8Json)
    {
        Type = type;
        Id = id;
        Created = created;
        Modified = modified;
        VersionText = versionText;
        _utf8Json = utf8Json;
    }

    /// <summary>The STIX type, e.g. <c>indicator</c>, <c>marking-definition</c>.</summary>
    public string Type { get; }

    /// <summary>The STIX identifier, <c>type--UUID</c>.</summary>
    public string Id { get; }

    /// <summary>The object's <c>created</c>.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>The object's <c>modified</c>; null for objects without one (marking definitions).</summary>
    public DateTimeOffset? Modified { get; }

    /// <summary>The version as TAXII names it: <c>modified</c>, or <c>created</c> when there is none.</summary>
    public DateTimeOffset Version => Modified ?? Created;

    /// <summary>The version exactly as the object's JSON writes it (STIX timestamp text).</summary>
    public string VersionText { get; }

    /// <summary>The serialized object, ready to be written raw into an envelope or bundle.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8Json;

    /// <summary>The serialized object as a string.</summary>
    public string ToJsonString() => Encoding.UTF8.GetString(_utf8Json);

    /// <summary>The object parsed (a fresh document each call).</summary>
    public JsonElement ToElement()
    {
        using var document = JsonDocument.Parse(_utf8Json);
        return document.RootElement.Clone();
    }

    /// <summary>Writes the object as a value (for example an element of an <c>objects</c> array).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_utf8Json, skipInputValidation: true);
    }

    /// <inheritdoc />
    public override string ToString() => ToJsonString();
}
