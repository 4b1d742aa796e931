using System.Text.Json.Nodes;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Stix;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Taxii;

/// <summary>
/// HTTP Basic on the TAXII route end to end (docs/taxii.md "Authentication", SECURITY.md rule 10): a credential issued
/// through Partners' real RPC at the gateway, used by Python's standard library over HTTPS.
/// </summary>
[Collection(TaxiiNodeCollection.Name)]
public sealed class TaxiiBasicTests(TaxiiNodeFixture node)
{
    private const string Root = "/taxii2/api1/";

    private async Task<IssueTaxiiCredentialResponse> IssueAsync(string nation)
    {
        using var channel = node.Node.GatewayChannel();
        var admin = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), node.Node.UserToken("root", Roles.Admin)));
        return await admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = nation, Label = "tests" });
    }

    private async Task RevokeAsync(string username)
    {
        using var channel = node.Node.GatewayChannel();
        var admin = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), node.Node.UserToken("root", Roles.Admin)));
        await admin.RevokeTaxiiCredentialAsync(new RevokeTaxiiCredentialRequest { Username = username });
    }

    [Fact]
    public async Task Basic_IssuedForJapan_SeesOnlyJapansCollection_NeverAmberOrRed_TheNodesIs403()
    {
        var issued = await IssueAsync("JPN");
        var client = node.Basic(issued.Credential.Username, issued.Password);

        var collections = await client.GetAsync(Root + "collections/");
        var staffs = Single(await node.Analyst().GetAsync(Root + "collections/"));
        var japans = Single(collections);
        var pages = await client.WalkAsync(Root + "collections/" + japans["id"] + "/objects/?limit=10");
        var nodeObjects = await client.GetAsync(Root + "collections/" + staffs["id"] + "/objects/");

        Assert.Equal(200, collections.Status);
        Assert.Equal(Single(await node.Partner().GetAsync(Root + "collections/"))["id"]!.GetValue<string>(), japans["id"]!.GetValue<string>());
        var objects = pages.SelectMany(p => p.Objects).Select(o => o!.AsObject()).ToList();
        var indicators = objects.Where(o => o["type"]!.GetValue<string>() == "indicator").Select(o => o["id"]!.GetValue<string>());
        Assert.Equal(node.PartnerIds.Select(StixId).Order(), indicators.Order());
        var allowed = new[] { StixMarkings.MarkingId(Tlp.Clear), StixMarkings.MarkingId(Tlp.Green) };
        Assert.All(objects.Where(o => o.ContainsKey("object_marking_refs")),
            o => Assert.All(o["object_marking_refs"]!.AsArray(), m => Assert.Contains(m!.GetValue<string>(), allowed)));
        Assert.Equal(403, nodeObjects.Status);
        Assert.Equal(404, (await client.GetAsync(Root + "collections/" + Guid.NewGuid() + "/")).Status);
    }

    [Fact]
    public async Task Basic_FiveFailuresFromOneSource_Then429EvenForTheRightPassword_OtherSourcesUnaffected()
    {
        // Its own source address, so the other tests' sign-ins (from 127.0.0.1) neither count here nor get throttled.
        const string source = "127.0.0.2";
        var issued = await IssueAsync("JPN");

        var failures = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add((await node.Basic(issued.Credential.Username, "not-the-password", source).GetAsync("/taxii2/")).Status);
        }

        var throttled = await node.Basic(issued.Credential.Username, issued.Password, source).GetAsync("/taxii2/");
        var otherSource = await node.Basic(issued.Credential.Username, issued.Password).GetAsync("/taxii2/");

        Assert.Equal([401, 401, 401, 401, 401], failures);
        Assert.Equal(429, throttled.Status);
        Assert.InRange(int.Parse(throttled.Header("retry-after")!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("429", throttled.Body!["http_status"]!.GetValue<string>());
        Assert.Equal(200, otherSource.Status);
    }

    [Fact]
    public async Task Basic_WrongPassword_401WithBothChallenges_RevokedStopsWithinTheCacheLifetime()
    {
        var issued = await IssueAsync("JPN");
        var username = issued.Credential.Username;

        var wrong = await node.Basic(username, issued.Password + "x").GetAsync("/taxii2/");
        var right = await node.Basic(username, issued.Password).GetAsync("/taxii2/");
        await RevokeAsync(username);

        Assert.Equal(401, wrong.Status);
        Assert.Equal("401", wrong.Body!["http_status"]!.GetValue<string>());
        Assert.Contains("Basic realm=\"cyberpledge\"", wrong.Header("www-authenticate"), StringComparison.Ordinal);
        Assert.Contains("Bearer realm=\"cyberpledge\"", wrong.Header("www-authenticate"), StringComparison.Ordinal);
        Assert.Equal(200, right.Status);
        // The gateway reuses a successful check for its cache lifetime (docs/gateway.md); after that the revocation holds.
        var deadline = DateTime.UtcNow + TaxiiNodeFixture.CacheLifetime + TimeSpan.FromSeconds(15);
        var status = 200;
        while (status == 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            status = (await node.Basic(username, issued.Password).GetAsync("/taxii2/")).Status;
        }

        Assert.Equal(401, status);
    }

    private static JsonObject Single(TaxiiAnswer collections) => Assert.Single(collections.Body!["collections"]!.AsArray())!.AsObject();

    private static string StixId(string indicatorId) => StixIds.Indicator(new Origin { Nation = "NLD", NodeId = "node-1" }, indicatorId);
}
