using CyberPledge.Federation.Node;
using CyberPledge.Federation.Serving;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.Federation.Taxii;

/// <summary>
/// The TAXII 2.1 endpoints (docs/taxii.md "Endpoints"): discovery, the API root, collections, one collection,
/// manifest, objects (GET and POST), one object and its versions, and a POST's status. Every answer is TAXII JSON; every refusal a TAXII error object.
/// </summary>
internal static class TaxiiEndpoints
{
    /// <summary>The authorization policy: this nation's staff, partners and peers (the collections decide the rest).</summary>
    public const string Policy = "taxii-reader";

    /// <summary>The one API root.</summary>
    public const string ApiRoot = "/taxii2/api1/";

    /// <summary>The largest envelope a POST may send (within the 32 MiB the node's gateway forwards).</summary>
    public static long MaxContentLength => TaxiiPost.Limits.MaxBytes;

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var taxii = endpoints.MapGroup("/taxii2");
        taxii.MapGet("/", Discovery);
        taxii.MapGet("/api1/", Root);
        taxii.MapGet("/api1/collections/", Collections);
        taxii.MapGet("/api1/collections/{collection}/", Collection);
        taxii.MapGet("/api1/collections/{collection}/manifest/", Manifest);
        taxii.MapGet("/api1/collections/{collection}/objects/", Objects);
        taxii.MapPost("/api1/collections/{collection}/objects/", AddObjects);
        taxii.MapGet("/api1/collections/{collection}/objects/{objectId}/", Object);
        taxii.MapGet("/api1/collections/{collection}/objects/{objectId}/versions/", Versions);
        taxii.MapGet("/api1/status/{status}/", (HttpContext context, string status) => Run(context, caller => TaxiiPost.GetStatusAsync(context, caller, status)));
        taxii.RequireAuthorization(Policy);
        return taxii;
    }

    private static Task Discovery(HttpContext context) => Run(context, _ =>
    {
        var self = context.RequestServices.GetRequiredService<NodeSelf>();
        return TaxiiJson.WriteAsync(context.Response, writer =>
        {
            writer.WriteString("title", $"CyberPledge Mesh {self.Nation}");
            writer.WriteString("description", $"The TAXII 2.1 server of {self.Nation}'s node: each caller sees what its sharing agreements grant.");
            writer.WriteString("default", ApiRoot);
            writer.WriteStartArray("api_roots");
            writer.WriteStringValue(ApiRoot);
            writer.WriteEndArray();
        });
    });

    private static Task Root(HttpContext context) => Run(context, _ =>
    {
        var self = context.RequestServices.GetRequiredService<NodeSelf>();
        return TaxiiJson.WriteAsync(context.Response, writer =>
        {
            writer.WriteString("title", $"{self.Nation} indicators");
            writer.WriteString("description", "Indicators this node holds, per caller as its agreements say, as STIX 2.1.");
            writer.WriteStartArray("versions");
            writer.WriteStringValue(TaxiiMedia.ContentType);
            writer.WriteEndArray();
            writer.WriteNumber("max_content_length", MaxContentLength);
        });
    });

    private static Task Collections(HttpContext context) => Run(context, async caller =>
    {
        var list = await context.RequestServices.GetRequiredService<TaxiiCollections>().ListAsync(caller, context.RequestAborted);
        await TaxiiJson.WriteAsync(context.Response, writer =>
        {
            // An empty list is left out: the answer is then an empty object (section 5.1.1).
            if (list.Count > 0)
            {
                writer.WriteStartArray("collections");
                foreach (var collection in list)
                {
                    writer.WriteStartObject();
                    TaxiiJson.Collection(writer, collection);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        });
    });

    private static Task Collection(HttpContext context, string collection) => Run(context, async caller =>
    {
        var found = await Find(context, caller, collection);
        await TaxiiJson.WriteAsync(context.Response, writer => TaxiiJson.Collection(writer, found));
    });

    private static Task Manifest(HttpContext context, string collection) =>
        List(context, collection, "manifest", null, TaxiiJson.Manifest);

    private static Task Objects(HttpContext context, string collection) =>
        List(context, collection, "objects", null, TaxiiJson.Envelope);

    private static Task Object(HttpContext context, string collection, string objectId) =>
        List(context, collection, "object", objectId, TaxiiJson.Envelope);

    private static Task Versions(HttpContext context, string collection, string objectId) =>
        List(context, collection, "versions", objectId, TaxiiJson.Versions);

    /// <summary>Add Objects: the node's own collection, for this nation's staff (can_write); a grantee's is read-only (403).</summary>
    private static Task AddObjects(HttpContext context, string collection) => Run(context, async caller =>
        await TaxiiPost.AddObjectsAsync(context, caller, await Find(context, caller, collection)));

    private static async Task List(HttpContext context, string collection, string endpoint, string? objectId, Action<System.Text.Json.Utf8JsonWriter, TaxiiPage> write) =>
        await Run(context, async caller =>
        {
            var found = await Find(context, caller, collection);
            if (!found.CanRead)
            {
                throw TaxiiError.Forbidden("no agreement in force lets you read this collection");
            }

            var filters = TaxiiFilters.Parse(context.Request.Query, endpoint + (objectId is null ? "" : "/" + objectId), objectId is null, endpoint != "versions");
            if (objectId is not null)
            {
                filters = filters with { Ids = new HashSet<string>(StringComparer.Ordinal) { objectId }, Versions = endpoint == "versions" ? VersionMatch.Default with { Last = false, All = true } : filters.Versions };
            }

            var services = context.RequestServices;
            var view = new TaxiiView(caller, services.GetRequiredService<FeedPolicy>(), services.GetRequiredService<NodeServices>(), services.GetRequiredService<TimeProvider>(), context.RequestAborted);
            var pager = services.GetRequiredService<TaxiiPager>();
            var page = await pager.ReadAsync(view, found, filters, context.RequestAborted);
            if (objectId is not null && page.Items.Count == 0 && filters.Next is null && filters.AddedAfter is null)
            {
                throw TaxiiError.NotFound();
            }

            if (endpoint is "objects" or "object")
            {
                pager.RecordServed(view, page);
            }

            await TaxiiJson.WriteAsync(context.Response, writer => write(writer, page), page);
        });

    private static Task<TaxiiCollection> Find(HttpContext context, TaxiiCaller caller, string id) =>
        context.RequestServices.GetRequiredService<TaxiiCollections>().FindAsync(caller, id, context.RequestAborted);

    /// <summary>Content negotiation and the caller first, then the endpoint; a refusal becomes its TAXII error object.</summary>
    private static async Task Run(HttpContext context, Func<TaxiiCaller, Task> endpoint)
    {
        try
        {
            if (!TaxiiMedia.Accepts(context.Request))
            {
                throw TaxiiError.NotAcceptable();
            }

            var caller = TaxiiCaller.From(CallerIdentity.FromPrincipal(context.User))
                ?? throw TaxiiError.Forbidden("TAXII is for this nation's analysts and administrators, its partners and peers");
            await endpoint(caller);
        }
        catch (TaxiiError error) when (!context.Response.HasStarted)
        {
            await error.WriteAsync(context.Response);
        }
    }
}
