using CyberPledge.Cli.Output;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Cli.Tests.Output;

/// <summary>Federation links as tables (<c>links list</c>, <c>links show</c>).</summary>
public sealed class LinkTablesTests
{
    private static readonly LinkStatus Inbound = new()
    {
        Nation = "JPN",
        Direction = LinkDirection.Inbound,
        State = LinkState.BackingOff,
        Endpoint = "https://gateway.jpn.example:443",
        Position = 1234,
        Lag = Duration.FromTimeSpan(TimeSpan.FromSeconds(75)),
        Received = 1300,
        Applied = 1234,
        Ignored = 60,
        Rejected = 6,
        LastError = "Unavailable: [red]gone[/] \u202Eevil",
        LastErrorAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
    };

    [Fact]
    public void Links_Table_StatesCountsAndLagWithTextCleaned()
    {
        var text = CliRunner.Render(LinkTables.Links([Inbound]));

        Assert.Contains("JPN", text, StringComparison.Ordinal);
        Assert.Contains("inbound", text, StringComparison.Ordinal);
        Assert.Contains("backing_off", text, StringComparison.Ordinal);
        Assert.Contains("1m 15s", text, StringComparison.Ordinal);
        Assert.Contains("[red]gone[/] \uFFFDevil", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_OutboundWithoutAStream_ShownDisconnected()
    {
        var text = CliRunner.Render(LinkTables.Links([new LinkStatus { Nation = "KOR", Direction = LinkDirection.Outbound, State = LinkState.Disconnected }]));

        Assert.Contains("disconnected", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_Details_EndpointDefangedAndErrorTimeShown()
    {
        var text = CliRunner.Render(LinkTables.Link(Inbound));

        Assert.DoesNotContain("https://gateway.jpn.example", text, StringComparison.Ordinal);
        Assert.Contains("2026-03-01", text, StringComparison.Ordinal);
        Assert.Contains("1300", text, StringComparison.Ordinal);
    }
}
