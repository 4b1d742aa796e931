using CyberPledge.Federation.Taxii.Import;
using CyberPledge.Stix;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.Federation.Taxii;

/// <summary>
/// Add Objects (TAXII 2.1 section 5.5) and Get Status (section 4.3): a POSTed envelope is checked as a whole (media type,
/// size counted before and while reading, object count and depth before parsing: SECURITY.md rule 10), stored as a pending
/// status and answered 202; the objects are imported in the background (docs/taxii.md "Import (POST)").
/// </summary>
internal static class TaxiiPost
{
    /// <summary>The bounds of a posted envelope; its size is the API root's <c>max_content_length</c>.</summary>
    public static readonly StixReadLimits Limits = StixReadLimits.Default;

    public static async Task AddObjectsAsync(HttpContext context, TaxiiCaller caller, TaxiiCollection collection)
    {
        if (!collection.CanWrite)
        {
            throw TaxiiError.Forbidden("this collection does not take objects (can_write is false)");
        }

        if (!TaxiiMedia.IsTaxiiContent(context.Request))
        {
            throw TaxiiError.UnsupportedMediaType();
        }

        if (context.Request.ContentLength > Limits.MaxBytes)
        {
            throw TooLarge();
        }

        var envelope = await ReadAsync(context.Request.Body, context.RequestAborted);
        if (envelope.Objects.Count == 0)
        {
            throw TaxiiError.Unprocessable("the envelope has no objects");
        }

        var imports = context.RequestServices.GetRequiredService<TaxiiImports>();
        var status = await imports.PostAsync(caller, collection.Id, envelope.Objects, context.RequestAborted);
        await TaxiiJson.WriteAsync(context.Response, writer => TaxiiStatusResource.Write(writer, status), status: StatusCodes.Status202Accepted);
    }

    public static async Task GetStatusAsync(HttpContext context, TaxiiCaller caller, string id)
    {
        var status = await context.RequestServices.GetRequiredService<TaxiiImports>().GetAsync(caller, id, context.RequestAborted);
        await TaxiiJson.WriteAsync(context.Response, writer => TaxiiStatusResource.Write(writer, status));
    }

    private static async Task<StixEnvelope> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await StixEnvelopeReader.ReadAsync(body, Limits, cancellationToken);
        }
        catch (StixEnvelopeException e)
        {
            throw e.Error switch
            {
                StixEnvelopeError.TooLarge => TooLarge(),
                StixEnvelopeError.TooManyObjects => TaxiiError.PayloadTooLarge($"more than {Limits.MaxObjects} objects in one request"),
                StixEnvelopeError.TooDeep => TaxiiError.Unprocessable($"the envelope is nested deeper than {Limits.MaxDepth}"),
                _ => TaxiiError.BadRequest("the body is not a TAXII envelope: " + e.Message),
            };
        }
    }

    private static TaxiiError TooLarge() => TaxiiError.PayloadTooLarge($"the body is larger than max_content_length ({Limits.MaxBytes} bytes)");
}
