using Grpc.Core;

namespace Grpc.Net.Internal;

/// <summary>Metadata values on the wire: -bin values are base64 (padded or not), several values of one key may be comma-joined.</summary>
internal static class MetadataEncoding
{
    /// <summary>Adds one received header to metadata; a -bin header may carry several comma-separated values.</summary>
    public static void AddHeader(Metadata metadata, string name, string value)
    {
        var key = name.ToLowerInvariant();
        if (!IsValidKey(key))
        {
            // HTTP allows header names that gRPC metadata does not; such a header is not metadata.
            return;
        }
        if (key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal))
        {
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
            {
                metadata.Add(key, DecodeBase64(part));
            }
        }
        else
        {
            metadata.Add(key, value);
        }
    }

    private static bool IsValidKey(string key)
    {
        foreach (var c in key)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                return false;
            }
        }
        return key.Length > 0;
    }

    /// <summary>The wire value of an entry: base64 without padding for -bin entries.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Decodes base64 with or without padding; invalid input yields the raw bytes of the text.</summary>
    public static byte[] DecodeBase64(string value)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return System.Text.Encoding.ASCII.GetBytes(value);
        }
    }
}
