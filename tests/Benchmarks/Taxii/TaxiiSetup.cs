using System.Globalization;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Net.Client;

namespace CyberPledge.Benchmarks.Taxii;

/// <summary>
/// A node as real processes (Indicators, Partners, Federation with its TAXII server, Gateway), its user rate limit
/// out of the way, holding <c>count</c> indicators submitted by an analyst in batches of 1,000 (distinct IPv4
/// addresses, GREEN, one version each).
/// </summary>
internal sealed class TaxiiSetup : IAsyncDisposable
{
    private TaxiiSetup(TestNode node, GrpcChannel channel)
    {
        Node = node;
        Channel = channel;
        Token = node.UserToken("benchmark", Roles.Analyst);
    }

    public TestNode Node { get; }

    /// <summary>A TLS channel to the gateway.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The analyst token both paths send.</summary>
    public string Token { get; }

    public static async Task<TaxiiSetup> StartAsync(int count)
    {
        var unlimited = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        var node = await TestNode.StartAsync(new TestNodeOptions
        {
            StartFederation = true,
            GatewaySettings = new Dictionary<string, string?>
            {
                ["Gateway__RateLimits__User__PermitsPerSecond"] = unlimited,
                ["Gateway__RateLimits__User__Burst"] = unlimited,
                ["Logging__LogLevel__CyberPledge.Gateway.Access"] = "Warning",
            },
        });
        node.Gateway.DiscardFurtherOutput();
        var setup = new TaxiiSetup(node, node.GatewayChannel());
        await setup.SubmitAsync(count);
        return setup;
    }

    public Indicators.IndicatorsClient Indicators() => new(TestTokens.WithToken(Channel.CreateCallInvoker(), Token));

    private async Task SubmitAsync(int count)
    {
        var client = Indicators();
        for (var start = 0; start < count; start += 1000)
        {
            var request = new SubmitRequest();
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                request.Indicators.Add(new IndicatorSubmission
                {
                    Type = IndicatorType.Ipv4,
                    Value = string.Create(CultureInfo.InvariantCulture, $"45.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"),
                    Tlp = Tlp.Green,
                    Confidence = 80,
                    Severity = Severity.High,
                    Sectors = { Sector.Energy },
                    Tags = { "benchmark" },
                    Description = "TAXII benchmark indicator",
                });
            }

            var response = await client.SubmitAsync(request);
            var rejected = response.Results.FirstOrDefault(r => r.Outcome == SubmitOutcome.Rejected);
            if (rejected is not null)
            {
                throw new InvalidOperationException($"Submit rejected an item: {rejected.Error}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Node.DisposeAsync();
    }
}
