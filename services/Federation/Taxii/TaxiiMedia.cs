using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CyberPledge.Federation.Taxii;

/// <summary>TAXII 2.1's media type and content negotiation (specification sections 1.6.8 and 3.1), and its timestamps.</summary>
internal static class TaxiiMedia
{
    /// <summary>What every TAXII response carries as its Content-Type.</summary>
    public const string ContentType = "application/taxii+json;version=2.1";

    /// <summary>The STIX content a collection holds (collection media_types, manifest media_type).</summary>
    public const string StixContentType = "application/stix+json;version=2.1";

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>
    /// Whether the Accept header names TAXII 2.1: <c>application/taxii+json</c> with version 2.1 or no version (the latest
    /// this server speaks). A request without one gets 406: the specification requires a TAXII media range.
    /// </summary>
    public static bool Accepts(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return false;
        }

        foreach (var range in ranges)
        {
            if (!range.MediaType.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase) || range.Quality == 0)
            {
                continue;
            }

            var version = range.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value;
            if (version is null || version.Value.Equals("2.1", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a request body is TAXII 2.1: <c>application/taxii+json</c> with version 2.1 or no version.</summary>
    public static bool IsTaxiiContent(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase)
        && type.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value is var version
        && (version is null || version.Value.Equals("2.1", StringComparison.Ordinal));

    /// <summary>A TAXII timestamp: UTC, microsecond precision, "Z" (specification section 2).</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 3339 timestamp (any fraction, "Z" or an offset) to the microsecond; false for anything else.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 20 || text[10] is not ('T' or 't')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = new DateTimeOffset(parsed.UtcTicks - (parsed.UtcTicks % 10), TimeSpan.Zero);
        return true;
    }
}
