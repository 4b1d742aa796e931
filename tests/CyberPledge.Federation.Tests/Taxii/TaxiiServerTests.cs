using System.Text.Json.Nodes;
using CyberPledge.Stix;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Taxii;

/// <summary>
/// The TAXII 2.1 server through the node's gateway over HTTPS, driven by Python's standard library as an outside
/// client (docs/taxii.md): discovery, API root, collections per caller, paging with next, filters, versions, errors.
/// </summary>
[Collection(TaxiiNodeCollection.Name)]
public sealed class TaxiiServerTests(TaxiiNodeFixture node)
{
    private const string Root = "/taxii2/api1/";

    [Fact]
    public async Task Discovery_AsAnalyst_AdvertisesTheApiRootInTaxiiMediaType()
    {
        var discovery = await node.Analyst().GetAsync("/taxii2/");
        var root = await node.Analyst().GetAsync(Root);

        Assert.Equal(200, discovery.Status);
        Assert.Equal("application/taxii+json;version=2.1", discovery.Header("content-type"));
        Assert.Equal(Root, discovery.Body!["default"]!.GetValue<string>());
        Assert.Equal([Root], discovery.Body["api_roots"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["application/taxii+json;version=2.1"], root.Body!["versions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(root.Body["max_content_length"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Collections_AnalystAndPartner_EachSeesOnlyItsOwn_TheOtherIs403Or404()
    {
        var mine = Single(await node.Analyst().GetAsync(Root + "collections/"));
        var partners = Single(await node.Partner().GetAsync(Root + "collections/"));

        Assert.NotEqual(mine["id"]!.GetValue<string>(), partners["id"]!.GetValue<string>());
        Assert.True(partners["can_read"]!.GetValue<bool>());
        Assert.False(partners["can_write"]!.GetValue<bool>());
        Assert.Equal(403, (await node.Partner().GetAsync(Root + "collections/" + mine["id"] + "/objects/")).Status);
        Assert.Equal(404, (await node.Analyst().GetAsync(Root + "collections/" + partners["id"] + "/")).Status);
        Assert.Equal(404, (await node.Partner().GetAsync(Root + "collections/" + Guid.NewGuid() + "/")).Status);
    }

    [Fact]
    public async Task Objects_AnalystWalksMoreThanThreePages_EachIndicatorOnceAtItsLastVersionInDateAddedOrder()
    {
        var pages = await node.Analyst().WalkAsync(await ObjectsPath(node.Analyst()) + "?limit=5&match[type]=indicator");

        var indicators = pages.SelectMany(p => p.Objects).ToList();
        Assert.True(pages.Count > 3);
        Assert.All(pages, p => Assert.Equal(200, p.Status));
        Assert.Equal(node.AllIds.Select(StixId).Order(), indicators.Select(o => o!["id"]!.GetValue<string>()).Order());
        Assert.True(indicators.Single(o => o!["id"]!.GetValue<string>() == StixId(node.RevokedId))!["revoked"]!.GetValue<bool>());
        Assert.All(pages.Zip(pages.Skip(1)), pair => Assert.True(
            string.CompareOrdinal(pair.First.Header("x-taxii-date-added-last"), pair.Second.Header("x-taxii-date-added-first")) < 0));
        Assert.All(pages, p => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", p.Header("x-taxii-date-added-first")));
    }

    [Fact]
    public async Task Objects_PartnerWalks_OnlyWhatItsAgreementGrants_Redacted_NeverAmberOrRed()
    {
        var pages = await node.Partner().WalkAsync(await ObjectsPath(node.Partner()) + "?limit=4");

        var objects = pages.SelectMany(p => p.Objects).Select(o => o!.AsObject()).ToList();
        var indicators = objects.Where(o => o["type"]!.GetValue<string>() == "indicator").ToList();
        Assert.Equal(node.PartnerIds.Select(StixId).Order(), indicators.Select(o => o["id"]!.GetValue<string>()).Order());
        Assert.All(indicators, o => Assert.False(o.ContainsKey("description")));
        var allowed = new[] { StixMarkings.MarkingId(Tlp.Clear), StixMarkings.MarkingId(Tlp.Green) };
        Assert.All(objects.Where(o => o.ContainsKey("object_marking_refs")),
            o => Assert.All(o["object_marking_refs"]!.AsArray(), m => Assert.Contains(m!.GetValue<string>(), allowed)));
        Assert.Single(objects, o => o["type"]!.GetValue<string>() == "vulnerability");
        Assert.DoesNotContain(objects, o => o["type"]!.GetValue<string>() == "identity" && o["name"]?.GetValue<string>() == "JPN");
    }

    [Theory]
    [InlineData("match[type]=indicator,vulnerability")]
    [InlineData("match[version]=all")]
    [InlineData("match[version]=first")]
    [InlineData("match[version]=first,last&match[type]=indicator")]
    [InlineData("match[spec_version]=2.1&match[type]=indicator,marking-definition")]
    public async Task Paging_EveryFilterWithNextTwoAtATime_GivesWhatOnePageGives(string filters)
    {
        var path = await ObjectsPath(node.Analyst());
        var whole = await node.Analyst().GetAsync(path + "?" + filters);
        var pages = await node.Analyst().WalkAsync(path + "?limit=2&" + filters);

        Assert.True(pages.Count > 3);
        Assert.Equal(Keys(whole.Objects), pages.SelectMany(p => Keys(p.Objects)));
        Assert.False(whole.Body!["more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Paging_AddedAfterAndIds_SelectExactlyThoseAddedLaterAndThoseNamed()
    {
        var manifest = await node.Analyst().GetAsync((await ObjectsPath(node.Analyst())).Replace("/objects/", "/manifest/", StringComparison.Ordinal) + "?match[type]=indicator");
        var records = manifest.Objects.Select(r => r!.AsObject()).ToList();
        var cut = records[10]["date_added"]!.GetValue<string>();
        var named = string.Join(',', records.Take(3).Select(r => r["id"]!.GetValue<string>()));

        var after = await node.Analyst().WalkAsync(await ObjectsPath(node.Analyst()) + $"?limit=3&match[type]=indicator&added_after={cut}");
        var ids = await node.Analyst().WalkAsync(await ObjectsPath(node.Analyst()) + $"?limit=1&match[id]={named}");

        Assert.Equal(records.Skip(11).Select(r => r["id"]!.GetValue<string>()), after.SelectMany(p => p.Objects).Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal(3, ids.SelectMany(p => p.Objects).Count());
        Assert.All(records, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", r["date_added"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Next_FromAnotherCallerOrWithOtherFilters_Is400()
    {
        var path = await ObjectsPath(node.Analyst());
        var first = await node.Analyst().GetAsync(path + "?limit=2&match[type]=indicator");
        var next = Uri.EscapeDataString(first.Body!["next"]!.GetValue<string>());

        var otherFilters = await node.Analyst().GetAsync(path + $"?limit=2&match[type]=vulnerability&next={next}");
        var otherCaller = await node.Client(node.Node.UserToken("bob", CyberPledge.ServiceDefaults.Identity.Roles.Analyst)).GetAsync(path + $"?limit=2&match[type]=indicator&next={next}");
        var same = await node.Analyst().GetAsync(path + $"?limit=2&match[type]=indicator&next={next}");

        Assert.Equal(400, otherFilters.Status);
        Assert.Equal(400, otherCaller.Status);
        Assert.Equal("400", otherCaller.Body!["http_status"]!.GetValue<string>());
        Assert.Equal(200, same.Status);
    }

    [Fact]
    public async Task Versions_RevokedIndicator_BothVersions_TheObjectEndpointGivesTheLastByDefault()
    {
        var objects = await ObjectsPath(node.Analyst());
        var id = StixId(node.RevokedId);

        var versions = await node.Analyst().GetAsync(objects + id + "/versions/");
        var last = await node.Analyst().GetAsync(objects + id + "/");
        var all = await node.Analyst().GetAsync(objects + id + "/?match[version]=all");
        var missing = await node.Analyst().GetAsync(objects + "indicator--" + Guid.NewGuid() + "/");

        Assert.Equal(2, versions.Body!["versions"]!.AsArray().Count);
        Assert.True(Assert.Single(last.Objects)!["revoked"]!.GetValue<bool>());
        Assert.Equal(2, all.Objects.Count);
        Assert.NotNull(last.Header("x-taxii-date-added-last"));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Errors_EachAsTheSpecificationSays_WithATaxiiErrorObject()
    {
        var objects = await ObjectsPath(node.Analyst());

        var noAccept = await node.Analyst().GetAsync(objects, accept: null);
        var stixAccept = await node.Analyst().GetAsync(objects, accept: "application/json");
        var badLimit = await node.Analyst().GetAsync(objects + "?limit=0");
        var badTime = await node.Analyst().GetAsync(objects + "?added_after=yesterday");
        var twice = await node.Analyst().GetAsync(objects + "?limit=1&limit=2");
        var wrongToken = await node.Client("not-a-token").GetAsync(objects);
        var none = await node.Client(null).GetAsync("/taxii2/");
        var oldSpec = await node.Analyst().GetAsync(objects + "?match[spec_version]=2.0");

        Assert.Equal((406, 406, 400, 400, 400, 401, 401), (noAccept.Status, stixAccept.Status, badLimit.Status, badTime.Status, twice.Status, wrongToken.Status, none.Status));
        Assert.Equal("application/taxii+json;version=2.1", badLimit.Header("content-type"));
        Assert.Equal("Not acceptable", noAccept.Body!["title"]!.GetValue<string>());
        Assert.Equal("Basic realm=\"cyberpledge\", charset=\"UTF-8\", Bearer realm=\"cyberpledge\"", wrongToken.Header("www-authenticate"));
        Assert.Equal("401", wrongToken.Body!["http_status"]!.GetValue<string>());
        Assert.Equal(200, oldSpec.Status);
        Assert.Empty(oldSpec.Objects);
    }

    private static JsonObject Single(TaxiiAnswer collections) => Assert.Single(collections.Body!["collections"]!.AsArray())!.AsObject();

    private static async Task<string> ObjectsPath(PythonTaxiiClient client) =>
        Root + "collections/" + Single(await client.GetAsync(Root + "collections/"))["id"]!.GetValue<string>() + "/objects/";

    private static string StixId(string indicatorId) => StixIds.Indicator(new Origin { Nation = "NLD", NodeId = "node-1" }, indicatorId);

    private static IEnumerable<string> Keys(JsonArray objects) =>
        objects.Select(o => o!["id"]!.GetValue<string>() + "@" + (o["modified"] ?? o["created"])!.GetValue<string>());
}
