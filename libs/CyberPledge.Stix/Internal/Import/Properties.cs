using System.Text.Json;
using System.Text.RegularExpressions;

namespace CyberPledge.Stix.Internal.Import;

/// <summary>Typed reads of a STIX object's properties; a wrong type or a missing required property is an ImportFailure.</summary>
internal static partial class Properties
{
    public static string? OptionalString(JsonElement o, string name) => o.TryGetProperty(name, out var v)
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ImportFailure($"malformed: {name} is not a string")
        : null;

    public static string RequiredString(JsonElement o, string name) =>
        OptionalString(o, name) ?? throw new ImportFailure($"malformed: {name} is required");

    public static DateTimeOffset? OptionalTime(JsonElement o, string name) => OptionalString(o, name) is { } text
        ? StixTime.TryParse(text, out var time) ? time : throw new ImportFailure($"malformed: {name} is not a STIX timestamp (RFC 3339, UTC, Z)")
        : null;

    public static DateTimeOffset RequiredTime(JsonElement o, string name) =>
        OptionalTime(o, name) ?? throw new ImportFailure($"malformed: {name} is required");

    public static bool OptionalBool(JsonElement o, string name) => o.TryGetProperty(name, out var v)
        && (v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw new ImportFailure($"malformed: {name} is not a boolean"));

    public static IReadOnlyList<JsonElement> OptionalList(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
            ? [.. v.EnumerateArray()]
            : throw new ImportFailure($"malformed: {name} is not a non-empty list");
    }

    public static IReadOnlyList<string> OptionalStrings(JsonElement o, string name) =>
        [.. OptionalList(o, name).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new ImportFailure($"malformed: {name} holds a non-string"))];

    /// <summary>STIX 2.1 §2.9: type--UUID, the UUID in RFC 4122 form.</summary>
    public static bool IsIdentifier(string id, string type) =>
        id.StartsWith(type + "--", StringComparison.Ordinal) && UuidPattern().IsMatch(id.AsSpan(type.Length + 2));

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();
}
