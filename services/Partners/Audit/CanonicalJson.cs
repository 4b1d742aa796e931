using Google.Protobuf;

namespace CyberPledge.Partners.Audit;

/// <summary>
/// The before and after states in audit records: the protobuf JSON mapping as Google.Protobuf's formatter writes it
/// with default settings (fields in field-number order, default values left out, enums by name, bytes in base64,
/// times in RFC 3339 UTC), one deterministic text per message.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static string Of(IMessage? message) => message is null ? "" : Formatter.Format(message);
}
