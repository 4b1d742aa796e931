using System.Diagnostics;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Net.Client;

namespace CyberPledge.Federation.Tests.EndToEnd;

/// <summary>
/// Three nodes as real processes: the Netherlands shares with Germany (ally, may re-share, one hop), Germany shares
/// with Japan (partner, up to GREEN, descriptions redacted). Japan receives the Dutch version through Germany only where
/// the origin allowed a relay, redacted as Germany's agreement says, and never past the hop limit.
/// </summary>
public sealed class TwoHopPartnerTests : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    private TestFederation? _federation;

    private TestFederation Federation => _federation!;

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.StartAsync("NLD", "DEU", "JPN");
        await Federation.GrantAsync("NLD", "DEU", Tier.Ally, Rules(Tlp.Amber, mayReshare: true, hopLimit: 1));
        // The policy engine passes another nation's version to a grantee only under an agreement that allows relayed
        // data (may_reshare) for that many relays (hop_limit), besides the origin's own signed distribution.
        await Federation.GrantAsync("DEU", "JPN", Tier.Partner, Rules(Tlp.Green, mayReshare: true, hopLimit: 1, RedactableField.Description));
        // Japan knows the Netherlands' signing key (Decision 3: every origin it accepts), without a link to it.
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
    public async Task Relay_ThroughAnAllyToAPartner_OnlyWhatTheOriginAndBothAgreementsAllow()
    {
        using var nld = Federation["NLD"].GatewayChannel();
        using var jpn = Federation["JPN"].GatewayChannel();
        var dutch = NodeCalls.Analyst(Federation["NLD"], nld);
        var japanese = NodeCalls.Analyst(Federation["JPN"], jpn);
        await dutch.SubmitAsync(new SubmitRequest
        {
            Indicators =
            {
                Domain("relayed.example", Tlp.Green, Reshare(hopLimit: 1)),
                Domain("not-reshared.example", Tlp.Green, distribution: null),
                Domain("amber.example", Tlp.Amber, Reshare(hopLimit: 1)),
                Domain("direct-only.example", Tlp.Green, Reshare(hopLimit: 0)),
            },
        });

        var relayed = await WaitForAsync(japanese, "relayed.example");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var others = new List<string>();
        foreach (var value in new[] { "not-reshared.example", "amber.example", "direct-only.example" })
        {
            if ((await japanese.QueryAsync(new QueryRequest { Type = IndicatorType.Domain, Value = value })).Indicators.Count > 0)
            {
                others.Add(value);
            }
        }

        Assert.Equal("NLD", relayed.Origin.Nation);
        Assert.Equal("", relayed.Description);
        Assert.Empty(others);
    }

    private static AgreementRules Rules(Tlp maxTlp, bool mayReshare, uint hopLimit, params RedactableField[] redactions) => new()
    {
        MaxTlp = maxTlp,
        IndicatorTypes = { IndicatorType.Domain },
        Sectors = { Sector.Energy },
        MayReshare = mayReshare,
        HopLimit = hopLimit,
        Redactions = { redactions },
    };

    private static Distribution Reshare(uint hopLimit) => new()
    {
        MayReshare = true,
        HopLimit = hopLimit,
        RelayAudience = new RelayAudience { Tiers = { Tier.Ally, Tier.Partner } },
        MaxRelayTlp = Tlp.Green,
    };

    private static IndicatorSubmission Domain(string value, Tlp tlp, Distribution? distribution)
    {
        var submission = new IndicatorSubmission
        {
            Type = IndicatorType.Domain,
            Value = value,
            Tlp = tlp,
            Confidence = 80,
            Severity = Severity.High,
            Sectors = { Sector.Energy },
            Description = "phishing domain aimed at grid operators",
        };
        if (distribution is not null)
        {
            submission.Distribution = distribution;
        }

        return submission;
    }

    private static Task<Indicator> WaitForAsync(V1.Indicators.IndicatorsClient client, string value) =>
        NodeCalls.WaitForAsync(client, IndicatorType.Domain, value, Arrival);
}
