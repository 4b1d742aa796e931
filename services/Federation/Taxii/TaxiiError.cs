using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Federation.Taxii;

/// <summary>
/// A request the TAXII server refuses: the HTTP status and the TAXII error message (specification section 3.6.1) that
/// goes with it. Descriptions never name what the caller may not see (SECURITY.md rule 5).
/// </summary>
internal sealed class TaxiiError(int status, string title, string description) : Exception(title + ": " + description)
{
    public int Status => status;

    public static TaxiiError BadRequest(string description) => new(StatusCodes.Status400BadRequest, "Bad request", description);

    public static TaxiiError Forbidden(string description) => new(StatusCodes.Status403Forbidden, "Forbidden", description);

    public static TaxiiError NotFound() => new(StatusCodes.Status404NotFound, "Not found", "no such resource here");

    public static TaxiiError NotAcceptable() =>
        new(StatusCodes.Status406NotAcceptable, "Not acceptable", "the Accept header must name " + TaxiiMedia.ContentType);

    public static TaxiiError PayloadTooLarge(string description) => new(StatusCodes.Status413PayloadTooLarge, "Payload too large", description);

    public static TaxiiError UnsupportedMediaType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "the Content-Type must be " + TaxiiMedia.ContentType);

    public static TaxiiError Unprocessable(string description) => new(StatusCodes.Status422UnprocessableEntity, "Unprocessable entity", description);

    public static TaxiiError MethodNotAllowed() => new(StatusCodes.Status405MethodNotAllowed, "Method not allowed", "this endpoint does not take that method");

    public static TaxiiError Unavailable(string description) => new(StatusCodes.Status503ServiceUnavailable, "Service unavailable", description);

    /// <summary>Writes the error object with its status.</summary>
    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = status;
        response.ContentType = TaxiiMedia.ContentType;
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("title", title);
        writer.WriteString("description", description);
        writer.WriteString("http_status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted);
    }
}
