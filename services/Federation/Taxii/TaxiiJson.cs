using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Federation.Taxii;

/// <summary>Writes the TAXII resources (specification sections 4 and 5) straight to the response, STIX objects as their exporter made them.</summary>
internal static class TaxiiJson
{
    public static Task WriteAsync(HttpResponse response, Action<Utf8JsonWriter> write, TaxiiPage? page = null, int status = StatusCodes.Status200OK)
    {
        response.StatusCode = status;
        response.ContentType = TaxiiMedia.ContentType;
        // From what was served (SECURITY.md rule 5); an empty page has no first or last object to date.
        if (page?.FirstAdded is { } first && page.LastAdded is { } last)
        {
            response.Headers["X-TAXII-Date-Added-First"] = TaxiiMedia.Format(first);
            response.Headers["X-TAXII-Date-Added-Last"] = TaxiiMedia.Format(last);
        }

        return WriteBodyAsync(response, write);
    }

    private static async Task WriteBodyAsync(HttpResponse response, Action<Utf8JsonWriter> write)
    {
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        write(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted);
    }

    public static void Collection(Utf8JsonWriter writer, TaxiiCollection collection)
    {
        writer.WriteString("id", collection.Id);
        writer.WriteString("title", collection.Title);
        writer.WriteString("description", collection.Description);
        writer.WriteBoolean("can_read", collection.CanRead);
        writer.WriteBoolean("can_write", collection.CanWrite);
        writer.WriteStartArray("media_types");
        writer.WriteStringValue(TaxiiMedia.StixContentType);
        writer.WriteEndArray();
    }

    /// <summary>An envelope (section 3.7): more, next, and the objects (left out when there are none).</summary>
    public static void Envelope(Utf8JsonWriter writer, TaxiiPage page)
    {
        Paging(writer, page);
        if (page.Items.Count > 0)
        {
            writer.WriteStartArray("objects");
            foreach (var item in page.Items)
            {
                item.Object.WriteTo(writer);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>A manifest (section 5.3.1): one record per object version.</summary>
    public static void Manifest(Utf8JsonWriter writer, TaxiiPage page)
    {
        Paging(writer, page);
        if (page.Items.Count > 0)
        {
            writer.WriteStartArray("objects");
            foreach (var item in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("id", item.Object.Id);
                writer.WriteString("date_added", TaxiiMedia.Format(item.DateAdded));
                writer.WriteString("version", item.Object.VersionText);
                writer.WriteString("media_type", TaxiiMedia.StixContentType);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>A versions resource (section 5.8.1).</summary>
    public static void Versions(Utf8JsonWriter writer, TaxiiPage page)
    {
        Paging(writer, page);
        if (page.Items.Count > 0)
        {
            writer.WriteStartArray("versions");
            foreach (var item in page.Items)
            {
                writer.WriteStringValue(item.Object.VersionText);
            }

            writer.WriteEndArray();
        }
    }

    // The manifest and versions resources define only "more"; "next" is carried there too, as the endpoints take it.
    private static void Paging(Utf8JsonWriter writer, TaxiiPage page)
    {
        writer.WriteBoolean("more", page.More);
        if (page.Next is { } next)
        {
            writer.WriteString("next", next);
        }
    }
}
