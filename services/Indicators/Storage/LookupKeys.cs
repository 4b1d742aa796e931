using System.Buffers;
using System.Text;
using System.Text.Json;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Storage;

/// <summary>Dedup keys as the JSON array [[type, value], ...] that a batched lookup reads with json_each.</summary>
internal static class LookupKeys
{
    public static string ToJson(IEnumerable<(IndicatorType Type, string Value)> keys)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (type, value) in keys)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue((int)type);
                writer.WriteStringValue(value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
