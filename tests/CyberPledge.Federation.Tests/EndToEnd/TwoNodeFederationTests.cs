using System.Diagnostics;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CyberPledge.Federation.Tests.EndToEnd;

/// <summary>
/// Two nodes as real processes (each: Indicators, Partners, Federation, Gateway), linked through their gateways with
/// their node certificates: the Netherlands shares with Germany under an ally agreement up to AMBER.
/// </summary>
public sealed class TwoNodeFederationTests : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);

    private TestFederation? _federation;

    private TestFederation Federation => _federation!;

    private SharingAgreement Agreement { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.StartAsync("NLD", "DEU");
        Agreement = await Federation.GrantAsync("NLD", "DEU", Tier.Ally, new AgreementRules
        {
            MaxTlp = Tlp.Amber,
            IndicatorTypes = { IndicatorType.Ipv4, IndicatorType.Domain },
            Sectors = { Sector.Energy, Sector.Finance },
            MinConfidence = 0,
            Redactions = { RedactableField.InternalNotes },
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
    public async Task Submit_AtOneAlly_ArrivesAtTheOtherRedactedAndSignedByItsOrigin_RedNever()
    {
        using var nld = Federation["NLD"].GatewayChannel();
        using var deu = Federation["DEU"].GatewayChannel();
        var dutchAnalyst = NodeCalls.Analyst(Federation["NLD"], nld);
        var germanAnalyst = NodeCalls.Analyst(Federation["DEU"], deu);
        await dutchAnalyst.SubmitAsync(new SubmitRequest
        {
            Indicators =
            {
                Ipv4("198.51.100.7", Tlp.Amber, notes: "source: liaison officer"),
                Ipv4("198.51.100.8", Tlp.Red, notes: "never leaves"),
            },
        });

        var arrived = await WaitForAsync(germanAnalyst, "198.51.100.7");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var red = await germanAnalyst.QueryAsync(new QueryRequest { Type = IndicatorType.Ipv4, Value = "198.51.100.8" });

        Assert.Equal(("NLD", "node-1"), (arrived.Origin.Nation, arrived.Origin.NodeId));
        Assert.Equal("", arrived.Sensitive?.InternalNotes ?? "");
        Assert.Empty(red.Indicators);
    }

    [Fact]
    public async Task Suspend_AgreementMidStream_NothingMoreArrivesAndTheLinkShowsWhy()
    {
        using var nld = Federation["NLD"].GatewayChannel();
        using var deu = Federation["DEU"].GatewayChannel();
        var germanAnalyst = NodeCalls.Analyst(Federation["DEU"], deu);
        await NodeCalls.Analyst(Federation["NLD"], nld).SubmitAsync(new SubmitRequest { Indicators = { Ipv4("203.0.113.1", Tlp.Green, notes: "") } });
        await WaitForAsync(germanAnalyst, "203.0.113.1");

        var admin = new V1.Partners.PartnersClient(TestTokens.WithToken(nld.CreateCallInvoker(), Federation["NLD"].UserToken("admin", Roles.Admin)));
        await admin.SuspendAgreementAsync(new AgreementTransitionRequest { Id = Agreement.Id, ExpectedVersion = Agreement.Version });
        await Task.Delay(TimeSpan.FromSeconds(1));
        await NodeCalls.Analyst(Federation["NLD"], nld).SubmitAsync(new SubmitRequest { Indicators = { Ipv4("203.0.113.2", Tlp.Green, notes: "") } });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await germanAnalyst.QueryAsync(new QueryRequest { Type = IndicatorType.Ipv4, Value = "203.0.113.2" });
        var link = await new V1.Federation.FederationClient(TestTokens.WithToken(deu.CreateCallInvoker(), Federation["DEU"].UserToken("analyst", Roles.Analyst)))
            .GetLinkAsync(new GetLinkRequest { Nation = "NLD", Direction = LinkDirection.Inbound });

        Assert.Empty(after.Indicators);
        Assert.Matches("(?i)permission.?denied", link.LastError);
    }

    [Fact]
    public async Task Restart_ReceiverKilledWhileTheOriginSubmits_CatchesUpWithNothingLostOrStoredTwice()
    {
        using var nld = Federation["NLD"].GatewayChannel();
        using var deu = Federation["DEU"].GatewayChannel();
        var dutchAnalyst = NodeCalls.Analyst(Federation["NLD"], nld);
        var germanAnalyst = NodeCalls.Analyst(Federation["DEU"], deu);
        await dutchAnalyst.SubmitAsync(new SubmitRequest { Indicators = { Ipv4("192.0.2.200", Tlp.Green, notes: "") } });
        await WaitForAsync(germanAnalyst, "192.0.2.200");

        await Federation["DEU"].Federation.KillAsync();
        var batch = new SubmitRequest();
        for (var i = 1; i <= 50; i++)
        {
            batch.Indicators.Add(Ipv4($"192.0.2.{i}", Tlp.Green, notes: ""));
        }

        await dutchAnalyst.SubmitAsync(batch);
        await Federation["DEU"].RestartFederationAsync();
        await WaitForAsync(germanAnalyst, "192.0.2.50");
        var versions = await NodeCalls.ReadFeedAsync(germanAnalyst, read => read.Count >= 51, TimeSpan.FromSeconds(5));
        Assert.Equal(51, versions.Count);
        Assert.Equal(51, versions.Select(v => (v.Id, v.Version)).Distinct().Count());
        Assert.All(versions, v => Assert.Equal("NLD", v.Origin.Nation));
    }

    private static IndicatorSubmission Ipv4(string value, Tlp tlp, string notes) => new()
    {
        Type = IndicatorType.Ipv4,
        Value = value,
        Tlp = tlp,
        Confidence = 90,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Description = "C2 server seen in the energy sector",
        InternalNotes = notes,
    };

    private static Task<Indicator> WaitForAsync(V1.Indicators.IndicatorsClient client, string value) =>
        NodeCalls.WaitForAsync(client, IndicatorType.Ipv4, value, Arrival);
}
