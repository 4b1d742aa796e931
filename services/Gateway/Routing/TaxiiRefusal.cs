using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CyberPledge.Gateway.Routing;

/// <summary>
/// A caller the gateway could not prove, on a call that is not gRPC: HTTP 401 with the challenge RFC 7235 asks for
/// (TAXII 2.1 section 1.6.9), and under <c>/taxii2/</c> a challenge for Basic and Bearer and the TAXII error object in TAXII's media type.
/// </summary>
internal static class TaxiiRefusal
{
    private const string ContentType = "application/taxii+json;version=2.1";
    private const string BasicChallenge = "Basic realm=\"cyberpledge\", charset=\"UTF-8\"";
    private const string BearerChallenge = "Bearer realm=\"cyberpledge\"";

    public static async Task UnauthenticatedAsync(HttpContext context, string reason)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        if (!IsTaxii(context.Request))
        {
            response.Headers.WWWAuthenticate = BearerChallenge;
            return;
        }

        // Both schemes the TAXII route accepts, one challenge each (RFC 9110 section 11.6.1).
        response.Headers.WWWAuthenticate = new StringValues([BasicChallenge, BearerChallenge]);
        await WriteErrorAsync(context, "Unauthorized", reason.Length > 0 ? reason : "credentials are required").ConfigureAwait(false);
    }

    /// <summary>Whether a request is on the TAXII route.</summary>
    public static bool IsTaxii(HttpRequest request) =>
        request.Path.StartsWithSegments(GatewayProxyConfig.TaxiiPrefix.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>
    /// The TAXII error object (TAXII 2.1 section 3.6.1) for the status already set on the response: TAXII answers every
    /// error status with one, 429 included.
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext context, string title, string description)
    {
        var response = context.Response;
        response.ContentType = ContentType;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("title", title);
            writer.WriteString("description", description);
            writer.WriteString("http_status", response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
