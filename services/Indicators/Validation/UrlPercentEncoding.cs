using System.Text;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// RFC 3986 section 6.2.2 normalization of one URL component: percent-encodings in upper case,
/// unreserved characters decoded, everything the component may not hold literally (spaces,
/// non-ASCII as UTF-8, stray '%') encoded.
/// </summary>
internal static class UrlPercentEncoding
{
    public const string SubDelimiters = "!$&'()*+,;=";
    public const string PathExtras = SubDelimiters + ":@/";
    public const string QueryExtras = PathExtras + "?";
    public const string UserInfoExtras = SubDelimiters + ":";

    public static string Normalize(string component, string allowedExtras)
    {
        var bytes = Encoding.UTF8.GetBytes(component);
        var result = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                var decoded = (byte)((HexValue(bytes[i + 1]) << 4) | HexValue(bytes[i + 2]));
                AppendByte(result, decoded, decodeUnreservedOnly: true, allowedExtras);
                i += 2;
                continue;
            }

            AppendByte(result, b, decodeUnreservedOnly: false, allowedExtras);
        }

        return result.ToString();
    }

    private static void AppendByte(StringBuilder result, byte b, bool decodeUnreservedOnly, string allowedExtras)
    {
        var c = (char)b;
        var literal = b < 0x80 && (IsUnreserved(c) || (!decodeUnreservedOnly && c != '%' && allowedExtras.Contains(c, StringComparison.Ordinal)));
        if (literal)
        {
            result.Append(c);
        }
        else
        {
            result.Append('%').Append(Convert.ToHexString([b]));
        }
    }

    public static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
