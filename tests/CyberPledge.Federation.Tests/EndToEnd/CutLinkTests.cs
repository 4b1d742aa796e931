using System.Diagnostics;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Net.Client;

namespace CyberPledge.Federation.Tests.EndToEnd;

/// <summary>
/// SECURITY.md rule 7 with real processes: Germany pinned a wrong signing key for the Netherlands, so every Dutch
/// version is rejected and the link is cut; it stays cut across a restart of Germany's Federation service until
/// Germany's administrator enables it (after fixing the key), then catches up; all of it is in Germany's audit log.
/// </summary>
public sealed class CutLinkTests : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);

    private TestFederation? _federation;

    private TestFederation Federation => _federation!;

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.StartAsync(
            new TestNodeOptions { Nation = "NLD", StartFederation = true },
            new TestNodeOptions
            {
                Nation = "DEU",
                StartFederation = true,
                FederationSettings = new Dictionary<string, string?>
                {
                    ["Federation__Links__RejectionLimit"] = "2",
                    ["Federation__Links__FirstDeniedRetry"] = "00:00:00.2",
                    ["Federation__Links__LongestDeniedRetry"] = "00:00:01",
                },
            });
    }

    public async Task DisposeAsync()
    {
        if (_federation is not null)
        {
            await _federation.DisposeAsync();
        }
    }

    [Fact]
    public async Task CutLink_StaysCutAcrossARestartUntilAnAdministratorEnablesIt_ThenCatchesUpAndIsAudited()
    {
        using var wrongKey = new OriginKey("NLD");
        var netherlands = Federation["NLD"];
        var germany = Federation["DEU"];
        using var deu = germany.GatewayChannel();
        var germanAdmin = new V1.Partners.PartnersClient(TestTokens.WithToken(deu.CreateCallInvoker(), germany.UserToken("alice", Roles.Admin)));
        // The Netherlands knows Germany first, so Germany's link is not refused when it starts.
        await TestFederation.RegisterAsync(netherlands, germany, Tier.Ally);
        var entry = netherlands.Identity.AsPeer(Tier.Ally);
        entry.SigningKeys.Add(wrongKey.PublicKey);
        entry.Endpoint = netherlands.Gateway.Address.ToString().TrimEnd('/');
        var pinned = await germanAdmin.AddPeerAsync(new AddPeerRequest { Peer = entry });
        await Federation.GrantAsync("NLD", "DEU", Tier.Ally, new AgreementRules { MaxTlp = Tlp.Amber, IndicatorTypes = { IndicatorType.Ipv4 }, Sectors = { Sector.Energy } });
        using var nld = netherlands.GatewayChannel();
        var dutchAnalyst = NodeCalls.Analyst(netherlands, nld);

        await dutchAnalyst.SubmitAsync(new SubmitRequest { Indicators = { Ipv4("198.51.100.21"), Ipv4("198.51.100.22") } });
        await WaitForLinkAsync(deu, germany, link => link.State == LinkState.Disabled, "the link is cut");
        // Link events reach Partners' audit log every 500 ms; the restart kills the process, so it waits for them first.
        for (var tries = 0; (await germanAdmin.ListAuditAsync(new ListAuditRequest { Subject = "link:NLD" })).Records.Count < 2; tries++)
        {
            Assert.True(tries < 300, "the cut's audit records did not arrive within 30 s");
            await Task.Delay(100);
        }

        await germany.RestartFederationAsync();
        var fixedEntry = pinned.Clone();
        fixedEntry.SigningKeys.Clear();
        fixedEntry.SigningKeys.Add((await NodeCalls.Analyst(netherlands, nld).GetNodeIdentityAsync(new GetNodeIdentityRequest())).PublicKey);
        await germanAdmin.UpdatePeerAsync(new UpdatePeerRequest { Peer = fixedEntry, ExpectedVersion = pinned.Version });
        await dutchAnalyst.SubmitAsync(new SubmitRequest { Indicators = { Ipv4("198.51.100.23") } });
        var afterRestart = await WaitForLinkAsync(deu, germany, link => link.State == LinkState.Disabled, "the link shows cut after the restart");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileCut = await NodeCalls.Analyst(germany, deu).QueryAsync(new QueryRequest { Type = IndicatorType.Ipv4, Value = "198.51.100.23" });

        var enabled = await Links(deu, germany, Roles.Admin).EnableLinkAsync(new EnableLinkRequest { Nation = "NLD" });
        var arrived = await WaitForAsync(NodeCalls.Analyst(germany, deu), "198.51.100.23");
        var audit = (await germanAdmin.ListAuditAsync(new ListAuditRequest { Subject = "link:NLD" })).Records;

        Assert.Contains("enable", afterRestart.LastError, StringComparison.Ordinal);
        Assert.Empty(whileCut.Indicators);
        Assert.NotEqual(LinkState.Disabled, enabled.State);
        Assert.Equal("NLD", arrived.Origin.Nation);
        Assert.Equal(["link.rejections", "link.cut", "link.enabled"], audit.Select(r => r.Action));
        Assert.StartsWith("alice (admin) via ", audit[2].Actor, StringComparison.Ordinal);
        Assert.Contains("UnknownOrigin", audit[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableLink_Analyst_IsPermissionDenied()
    {
        using var deu = Federation["DEU"].GatewayChannel();

        var refusal = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() =>
            Links(deu, Federation["DEU"], Roles.Analyst).EnableLinkAsync(new EnableLinkRequest { Nation = "NLD" }).ResponseAsync);

        Assert.Equal(global::Grpc.Core.StatusCode.PermissionDenied, refusal.StatusCode);
    }

    private static V1.Federation.FederationClient Links(GrpcChannel channel, TestNode node, string role) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken(role == Roles.Admin ? "alice" : "bob", role)));

    private static IndicatorSubmission Ipv4(string value) => new()
    {
        Type = IndicatorType.Ipv4,
        Value = value,
        Tlp = Tlp.Green,
        Confidence = 90,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Description = "C2 server seen in the energy sector",
    };

    private static async Task<LinkStatus> WaitForLinkAsync(GrpcChannel channel, TestNode node, Func<LinkStatus, bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Arrival)
        {
            try
            {
                var link = await Links(channel, node, Roles.Analyst).GetLinkAsync(new GetLinkRequest { Nation = "NLD", Direction = LinkDirection.Inbound });
                if (condition(link))
                {
                    return link;
                }
            }
            catch (global::Grpc.Core.RpcException e) when (e.StatusCode is global::Grpc.Core.StatusCode.NotFound or global::Grpc.Core.StatusCode.Unavailable)
            {
                // Not there yet (the service starting, the link not made yet).
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"timed out waiting until {what}: {await Links(channel, node, Roles.Analyst).ListLinksAsync(new ListLinksRequest())}");
    }

    private static Task<Indicator> WaitForAsync(V1.Indicators.IndicatorsClient client, string value) =>
        NodeCalls.WaitForAsync(client, IndicatorType.Ipv4, value, Arrival);
}
