using System.Diagnostics;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Net.Client;

namespace CyberPledge.Federation.Tests.EndToEnd;

/// <summary>
/// Withdrawals across three nodes as real processes (SECURITY.md rule 6): the Netherlands shares with Germany (ally, up
/// to GREEN, may re-share one hop), Germany with Japan (partner, up to GREEN). When the Netherlands tightens its
/// indicator to AMBER, Germany's copy is withdrawn and the indicator leaves Germany, which withdraws it from Japan in turn.
/// </summary>
public sealed class WithdrawalTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestFederation? _federation;

    private TestFederation Federation => _federation!;

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.StartAsync("NLD", "DEU", "JPN");
        await Federation.GrantAsync("NLD", "DEU", Tier.Ally, Rules(Tlp.Green));
        await Federation.GrantAsync("DEU", "JPN", Tier.Partner, Rules(Tlp.Green));
        await TestFederation.RegisterAsync(Federation["JPN"], Federation["NLD"], Tier.Ally, link: false);
    }

    public async Task DisposeAsync()
    {
        if (_federation is not null)
        {
            await _federation.DisposeAsync();
        }
    }

    [Fact]
    public async Task Tightened_ToATlpTheAgreementDoesNotAllow_LeavesTheAllyAndThePartnerItRelayedTo()
    {
        using var nld = Federation["NLD"].GatewayChannel();
        using var deu = Federation["DEU"].GatewayChannel();
        using var jpn = Federation["JPN"].GatewayChannel();
        var dutch = Analyst(Federation["NLD"], nld);
        var german = Analyst(Federation["DEU"], deu);
        var japanese = Analyst(Federation["JPN"], jpn);
        await dutch.SubmitAsync(new SubmitRequest { Indicators = { Domain("tightened.example", Tlp.Green), Domain("kept.example", Tlp.Green) } });
        await WaitUntilAsync(async () => await HoldsAsync(german, "tightened.example") && await HoldsAsync(japanese, "tightened.example"), "the GREEN version arrives");

        var update = await dutch.SubmitAsync(new SubmitRequest { Indicators = { Domain("tightened.example", Tlp.Amber) } });
        Assert.Equal(SubmitOutcome.Updated, update.Results[0].Outcome);

        await WaitUntilAsync(async () => !await HoldsAsync(german, "tightened.example"), "Germany's copy is withdrawn");
        await WaitUntilAsync(async () => !await HoldsAsync(japanese, "tightened.example"), "Germany withdraws the copy it gave Japan");
        Assert.True(await HoldsAsync(german, "kept.example"));
        Assert.True(await HoldsAsync(japanese, "kept.example"));
    }

    private static AgreementRules Rules(Tlp maxTlp) => new()
    {
        MaxTlp = maxTlp,
        IndicatorTypes = { IndicatorType.Domain },
        Sectors = { Sector.Energy },
        MayReshare = true,
        HopLimit = 1,
    };

    private static IndicatorSubmission Domain(string value, Tlp tlp) => new()
    {
        Type = IndicatorType.Domain,
        Value = value,
        Tlp = tlp,
        Confidence = 80,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Distribution = new Distribution
        {
            MayReshare = true,
            HopLimit = 1,
            RelayAudience = new RelayAudience { Tiers = { Tier.Ally, Tier.Partner } },
            MaxRelayTlp = Tlp.Amber,
        },
    };

    private static V1.Indicators.IndicatorsClient Analyst(TestNode node, GrpcChannel channel) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken("analyst", Roles.Analyst)));

    private static async Task<bool> HoldsAsync(V1.Indicators.IndicatorsClient client, string value) =>
        (await client.QueryAsync(new QueryRequest { Type = IndicatorType.Domain, Value = value, IncludeRevoked = true })).Indicators.Count > 0;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < Patience, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
