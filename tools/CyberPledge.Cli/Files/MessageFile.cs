using System.Globalization;
using System.Text.Json.Nodes;
using CyberPledge.Cli.Protos;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Cli.Files;

/// <summary>
/// Agreement and peer files (docs/cli.md): YAML or JSON holding the message's fields by their proto names
/// (<c>max_tlp</c>) or JSON names (<c>maxTlp</c>), with friendlier values than protobuf JSON accepts on its own:
/// enums by short name (<c>green</c>, <c>amber+strict</c>, <c>ipv4</c>, <c>partner</c>), durations as <c>72h</c> or
/// <c>1d12h</c>, times as any ISO 8601 date or time, signing keys as PEM. Unknown fields are refused.
/// </summary>
internal static class MessageFile
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    private static readonly Dictionary<string, Func<string, string?>> Enums = new(StringComparer.Ordinal)
    {
        ["tier"] = ProtoEnums.TryProtoName<Tier>,
        ["status"] = ProtoEnums.TryProtoName<AgreementStatus>,
        ["maxtlp"] = ProtoEnums.TryProtoName<Tlp>,
        ["indicatortypes"] = ProtoEnums.TryProtoName<IndicatorType>,
        ["sectors"] = ProtoEnums.TryProtoName<Sector>,
        ["minseverity"] = ProtoEnums.TryProtoName<Severity>,
        ["redactions"] = ProtoEnums.TryProtoName<RedactableField>,
    };

    public static SharingAgreement ReadAgreement(string path) => Read<SharingAgreement>(path);

    public static Peer ReadPeer(string path) => Read<Peer>(path);

    /// <summary>Reads <paramref name="path"/>; a file that fails to parse names itself and the problem.</summary>
    /// <exception cref="FormatException">The file is not a valid message of this kind.</exception>
    public static T Read<T>(string path) where T : IMessage<T>, new() => Parse<T>(File.ReadAllText(path), path);

    public static T Parse<T>(string text, string name) where T : IMessage<T>, new()
    {
        try
        {
            var tree = YamlToJson.Convert(text) as JsonObject ?? throw new FormatException("expected a mapping of field names to values");
            Normalize(tree);
            return Parser.Parse<T>(tree.ToJsonString());
        }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new FormatException($"{name}: {e.Message}", e);
        }
    }

    private static void Normalize(JsonObject node)
    {
        foreach (var (key, value) in node.ToArray())
        {
            var field = key.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
            node[key] = field switch
            {
                _ when Enums.TryGetValue(field, out var map) => Map(value, map),
                "embargo" => Map(value, DurationJson),
                "validfrom" or "validuntil" or "added" or "updated" or "changed" => Map(value, TimeJson),
                "signingkeys" => Map(value, KeyJson),
                _ => Recurse(value),
            };
        }
    }

    private static JsonNode? Recurse(JsonNode? value)
    {
        if (value is JsonObject child)
        {
            Normalize(child);
        }
        return value?.DeepClone();
    }

    // Strings the mapping understands are replaced; anything else goes to the parser as it is, to be refused there.
    private static JsonNode? Map(JsonNode? value, Func<string, string?> map) => value switch
    {
        JsonArray array => new JsonArray(array.Select(item => Map(item, map)).ToArray()),
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => JsonValue.Create(map(text) ?? text),
        _ => value?.DeepClone(),
    };

    private static string? DurationJson(string text) =>
        DurationText.TryParse(text, out var duration) ? ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" : null;

    private static string? TimeJson(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Timestamp.FromDateTimeOffset(time).ToDiagnosticString().Trim('"')
            : null;

    // A PEM public key becomes the base64 of its DER, as protobuf JSON writes bytes.
    private static string? KeyJson(string text)
    {
        if (!System.Security.Cryptography.PemEncoding.TryFind(text, out var pem))
        {
            return null;
        }
        return text[pem.Base64Data].ReplaceLineEndings("");
    }
}
