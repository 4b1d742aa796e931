using CyberPledge.Federation.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

/// <summary>This node's warning flags (SECURITY.md rule 4) stay on this node.</summary>
public sealed class FeedWarningTests
{
    [Fact]
    public async Task Subscribe_RelayedVersionFlaggedHere_SentWithoutTheFlag()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally));
        var flagged = await ApplyForeignAsync(host, france, "FRA", "mail.google.com", Tlp.Green, new RelayAudience { Tiers = { Tier.Ally } }, Tlp.Green);
        var stored = await host.Indicators.GetAsync(new GetRequest { Id = flagged.Id });
        Assert.Equal(WarningState.Unconfirmed, stored.Warning.State);
        await SubmitAsync(host, Domain("own.example"));

        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var records = await ReadUntilAsync(call.ResponseStream, "own.example");

        Assert.Equal(["mail.google.com", "own.example"], Values(records));
        Assert.Null(records[0].Indicator.Version.Warning);
        Assert.Equal(flagged.Id, records[0].Indicator.Version.Id);
    }
}
