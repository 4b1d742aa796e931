using System.Diagnostics;
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

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.StartAsync("NLD", "DEU");
        await Federation.GrantAsync("NLD", "DEU", Tier.Ally, new AgreementRules
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
        var dutchAnalyst = Analyst(Federation["NLD"], nld);
        var germanAnalyst = Analyst(Federation["DEU"], deu);
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

    private static V1.Indicators.IndicatorsClient Analyst(TestNode node, GrpcChannel channel) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken("analyst", Roles.Analyst)));

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

    private static async Task<Indicator> WaitForAsync(V1.Indicators.IndicatorsClient client, string value)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Arrival)
        {
            var found = await client.QueryAsync(new QueryRequest { Type = IndicatorType.Ipv4, Value = value });
            if (found.Indicators.Count > 0)
            {
                return found.Indicators[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{value} did not arrive within {Arrival.TotalSeconds} s.");
    }
}
