using System.Text.Json.Nodes;
using CyberPledge.Testing;
using Google.Protobuf;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Stix;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Taxii;

/// <summary>
/// TAXII 2.1 Add Objects and Get Status (docs/taxii.md "Import (POST)") through the node's gateway, driven by Python's
/// standard library: a mixed envelope is imported in the background with one outcome per object, re-posts are
/// idempotent, a newer <c>modified</c> makes a version, and each refusal is the status the specification gives.
/// </summary>
public sealed class TaxiiImportTests(TaxiiNodeFixture node) : IClassFixture<TaxiiNodeFixture>
{
    private const string Root = "/taxii2/api1/";
    private const string Created = "2024-05-01T00:00:00.000Z";
    private static readonly string Green = StixMarkings.MarkingId(Tlp.Green);

    [Fact]
    public async Task Post_MixedEnvelope_PendingThenCompleteWithEachObjectsOutcome_ImportedIndicatorsServed()
    {
        var objects = await ObjectsPath();
        // Not in a reserved range: an imported version on a warning list is stored flagged and not served (rule 4).
        var good = Indicator("[ipv4-addr:value = '185.220.101.201']");
        var cve = Indicator("[vulnerability:name = 'CVE-2024-21762']");
        var malware = new JsonObject
        {
            ["type"] = "malware", ["spec_version"] = "2.1", ["id"] = "malware--" + Guid.NewGuid(), ["created"] = Created, ["modified"] = Created,
            ["name"] = "x", ["is_family"] = false,
        };
        var badPattern = Indicator("[ipv4-addr:value = ");
        var marking = new JsonObject { ["type"] = "marking-definition", ["spec_version"] = "2.1", ["id"] = Green, ["created"] = "2022-10-01T00:00:00.000Z" };

        var posted = await node.Analyst().PostAsync(objects, Envelope(good, cve, malware, badPattern, marking));
        var status = await CompleteAsync(node.Analyst(), posted);

        Assert.Equal(202, posted.Status);
        Assert.Equal("application/taxii+json;version=2.1", posted.Header("content-type"));
        Assert.Equal(("pending", 5, 5), (Text(posted, "status"), Count(posted, "total_count"), Count(posted, "pending_count")));
        Assert.Equal((5, 3, 2, 0), (Count(status, "total_count"), Count(status, "success_count"), Count(status, "failure_count"), Count(status, "pending_count")));
        var successes = Details(status, "successes");
        Assert.Equal("created", successes[Id(good)]!["message"]!.GetValue<string>());
        Assert.Equal("2024-05-02T00:00:00.000Z", successes[Id(good)]!["version"]!.GetValue<string>());
        Assert.Equal("created", successes[Id(cve)]!["message"]!.GetValue<string>());
        Assert.StartsWith("known definition", successes[Green]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var failures = Details(status, "failures");
        Assert.Contains("unsupported type: malware", failures[Id(malware)]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(failures[Id(badPattern)]!["message"]!.GetValue<string>()));
        Assert.Contains("185.220.101.201", (await ServedAsync(objects, "185.220.101.201"))["pattern"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([Green], (await ServedAsync(objects, "CVE-2024-21762"))["object_marking_refs"]!.AsArray().Select(m => m!.GetValue<string>()));
        using var channel = node.Node.GatewayChannel();
        var partners = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), node.Node.UserToken("carol", Roles.Admin)));
        var audit = (await partners.ListAuditAsync(new ListAuditRequest { Subject = "taxii-status:" + Text(posted, "id") })).Records;
        var record = Assert.Single(audit);
        Assert.Equal("taxii.objects.posted", record.Action);
        Assert.StartsWith("alice via ", record.Actor, StringComparison.Ordinal);
        Assert.Equal(5u, JsonParser.Default.Parse<TaxiiEvent>(record.After).Objects);
    }

    [Fact]
    public async Task Post_SameObjectAgainThenNewerModified_UnchangedThenUpdated_OneNewVersion()
    {
        var objects = await ObjectsPath();
        var first = Indicator("[domain-name:value = 'import-versions.example']");
        var newer = first.DeepClone().AsObject();
        newer["modified"] = "2024-06-01T00:00:00.000Z";

        var created = await CompleteAsync(node.Analyst(), await node.Analyst().PostAsync(objects, Envelope(first)));
        var again = await CompleteAsync(node.Analyst(), await node.Analyst().PostAsync(objects, Envelope(first)));
        var servedId = (await ServedAsync(objects, "import-versions.example"))["id"]!.GetValue<string>();
        var versionsBefore = await node.Analyst().GetAsync(objects + servedId + "/versions/");
        var updated = await CompleteAsync(node.Analyst(), await node.Analyst().PostAsync(objects, Envelope(newer)));
        var versionsAfter = await node.Analyst().GetAsync(objects + servedId + "/versions/");

        Assert.Equal("created", Details(created, "successes")[Id(first)]!["message"]!.GetValue<string>());
        Assert.Equal("unchanged", Details(again, "successes")[Id(first)]!["message"]!.GetValue<string>());
        Assert.Equal("updated", Details(updated, "successes")[Id(first)]!["message"]!.GetValue<string>());
        Assert.Single(versionsBefore.Body!["versions"]!.AsArray());
        Assert.Equal(2, versionsAfter.Body!["versions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Post_Refusals_EachAsTheSpecificationSays_AndAStatusIsOnlyItsPostersToRead()
    {
        var objects = await ObjectsPath();
        var partnerCollection = Assert.Single((await node.Partner().GetAsync(Root + "collections/")).Body!["collections"]!.AsArray())!;
        var tooMany = "{\"objects\":[" + string.Join(',', Enumerable.Repeat("{}", StixReadLimits.Default.MaxObjects + 1)) + "]}";
        var posted = await node.Analyst().PostAsync(objects, Envelope(Indicator("[ipv4-addr:value = '198.51.100.202']")));

        var overCount = await node.Analyst().PostAsync(objects, tooMany);
        var wrongType = await node.Analyst().PostAsync(objects, Envelope(), contentType: "application/json");
        var bareType = await node.Analyst().PostAsync(objects, "{}", contentType: "application/taxii+json");
        var notJson = await node.Analyst().PostAsync(objects, "{\"objects\": [");
        var noAccept = await node.Analyst().PostAsync(objects, Envelope(), accept: "application/json");
        var grantee = await node.Partner().PostAsync(Root + "collections/" + partnerCollection["id"] + "/objects/", Envelope());
        var granteeNode = await node.Partner().PostAsync(objects, Envelope());
        var statusPath = Root + "status/" + Text(posted, "id") + "/";
        var otherAnalyst = await node.Client(node.Node.UserToken("bob", Roles.Analyst)).GetAsync(statusPath);
        var partner = await node.Partner().GetAsync(statusPath);
        var unknown = await node.Analyst().GetAsync(Root + "status/" + Guid.NewGuid() + "/");
        var own = await node.Analyst().GetAsync(statusPath);

        Assert.Equal((413, 415, 422, 400, 406, 403, 403), (overCount.Status, wrongType.Status, bareType.Status, notJson.Status, noAccept.Status, grantee.Status, granteeNode.Status));
        Assert.Equal("413", overCount.Body!["http_status"]!.GetValue<string>());
        Assert.False(partnerCollection["can_write"]!.GetValue<bool>());
        Assert.True(Assert.Single((await node.Analyst().GetAsync(Root + "collections/")).Body!["collections"]!.AsArray())!["can_write"]!.GetValue<bool>());
        Assert.Equal((404, 404, 404, 200), (otherAnalyst.Status, partner.Status, unknown.Status, own.Status));
        Assert.Equal(otherAnalyst.Body!.ToJsonString(), unknown.Body!.ToJsonString());
    }

    [Fact]
    public async Task Post_WhileIndicatorsIsDown_StaysPendingAcrossAFederationRestart_ThenCompletes()
    {
        var objects = await ObjectsPath();
        var indicator = Indicator("[ipv4-addr:value = '198.51.100.203']");
        await node.Node.Indicators.DisposeAsync();
        TaxiiAnswer posted;
        try
        {
            posted = await node.Analyst().PostAsync(objects, Envelope(indicator));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("pending", Text(await node.Analyst().GetAsync(Root + "status/" + Text(posted, "id") + "/"), "status"));
            // Federation stops with the import pending; only the store carries it to the next process.
            await node.Node.Federation.DisposeAsync();
        }
        finally
        {
            await node.Node.RestartIndicatorsAsync();
            await node.Node.RestartFederationAsync();
        }

        var status = await CompleteAsync(node.Analyst(), posted);

        Assert.Equal("created", Details(status, "successes")[Id(indicator)]!["message"]!.GetValue<string>());
    }

    private async Task<string> ObjectsPath()
    {
        var collections = await node.Analyst().GetAsync(Root + "collections/");
        return Root + "collections/" + Assert.Single(collections.Body!["collections"]!.AsArray())!["id"]!.GetValue<string>() + "/objects/";
    }

    /// <summary>The indicator served in the node's collection whose pattern names <paramref name="value"/>, once the feed has it.</summary>
    private async Task<JsonObject> ServedAsync(string objects, string value)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var served = (await node.Analyst().WalkAsync(objects + "?match[type]=indicator")).SelectMany(p => p.Objects)
                .Where(o => o!["pattern"]!.GetValue<string>().Contains(value, StringComparison.Ordinal)).ToList();
            if (served.Count > 0)
            {
                return Assert.Single(served)!.AsObject();
            }

            Assert.True(DateTime.UtcNow < deadline, $"an indicator with {value} is served within a minute");
            await Task.Delay(500);
        }
    }

    /// <summary>Reads the status until it is complete (the import runs in the background).</summary>
    private static async Task<TaxiiAnswer> CompleteAsync(PythonTaxiiClient client, TaxiiAnswer posted)
    {
        Assert.Equal(202, posted.Status);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var status = await client.GetAsync(Root + "status/" + Text(posted, "id") + "/");
            if (status.Status == 200 && Text(status, "status") == "complete")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "the import completes within a minute: " + status.Body?.ToJsonString());
            await Task.Delay(250);
        }
    }

    private static JsonObject Indicator(string pattern) => new()
    {
        ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = "indicator--" + Guid.NewGuid(),
        ["created"] = Created, ["modified"] = "2024-05-02T00:00:00.000Z", ["valid_from"] = Created,
        ["pattern_type"] = "stix", ["pattern"] = pattern, ["object_marking_refs"] = new JsonArray(Green),
    };

    private static string Envelope(params JsonObject[] objects) =>
        new JsonObject { ["objects"] = new JsonArray([.. objects.Select(o => (JsonNode)o.DeepClone())]) }.ToJsonString();

    private static string Id(JsonObject stixObject) => stixObject["id"]!.GetValue<string>();

    private static string Text(TaxiiAnswer answer, string name) => answer.Body![name]!.GetValue<string>();

    private static int Count(TaxiiAnswer answer, string name) => answer.Body![name]!.GetValue<int>();

    /// <summary>A status' successes or failures by object id.</summary>
    private static Dictionary<string, JsonNode?> Details(TaxiiAnswer status, string name) =>
        (status.Body![name]?.AsArray() ?? []).ToDictionary(d => d!["id"]!.GetValue<string>(), d => d);
}
