using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CyberPledge.Stix.Internal;

namespace CyberPledge.Stix.Internal.Export;

/// <summary>Writes one STIX object with Utf8JsonWriter, so that the property order is the order of the calls.</summary>
internal static class ObjectBuilder
{
    // The output is JSON for API consumers, never embedded in HTML, so HTML-sensitive characters ('+' in
    // "TLP:AMBER+STRICT", '<', '&') stay as they are; quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static StixObject Build(string type, string id, DateTimeOffset created, DateTimeOffset? modified, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("spec_version", StixMediaTypes.SpecVersion);
            writer.WriteString("id", id);
            body(writer);
            writer.WriteEndObject();
        }

        var version = StixTime.Format(modified ?? created);
        return new StixObject(type, id, StixTime.Truncate(created), modified is { } m ? StixTime.Truncate(m) : null, version,
            buffer.WrittenSpan.ToArray());
    }

    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
