using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Gateway.Taxii;

/// <summary>The <c>Authorization: Basic</c> header (RFC 7617): user-id and password, UTF-8, split at the first colon.</summary>
internal static class BasicCredentials
{
    private const string Scheme = "Basic ";

    // Far above a generated username and password; anything longer is refused before it is decoded.
    private const int MaxEncodedLength = 2048;

    /// <summary>Whether the request presents Basic credentials at all (any scheme case, RFC 9110 section 11.1).</summary>
    public static bool IsPresented(HttpRequest request) =>
        request.Headers.Authorization is [{ } value] && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The user-id and password, or false when the header is not one well-formed Basic credential.</summary>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out string? username, [NotNullWhen(true)] out string? password)
    {
        username = password = null;
        if (request.Headers.Authorization is not [{ } value] || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = value.AsSpan(Scheme.Length).Trim();
        if (encoded.Length is 0 or > MaxEncodedLength)
        {
            return false;
        }

        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || text.AsSpan().ContainsAny('\0', '\r', '\n'))
        {
            return false;
        }

        username = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
