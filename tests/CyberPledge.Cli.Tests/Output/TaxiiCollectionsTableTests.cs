using CyberPledge.Cli.Output;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Cli.Tests.Output;

/// <summary><c>taxii collections</c> as a table.</summary>
public sealed class TaxiiCollectionsTableTests
{
    [Fact]
    public void Collections_NodeAndGrantee_WhoEachIsForAndTheirRights_TitleCleaned()
    {
        var text = CliRunner.Render(TaxiiTables.Collections(
        [
            new TaxiiCollectionInfo { Id = "c-node", Title = "NLD indicators", CanRead = true, CanWrite = true, Path = "/taxii2/api1/collections/c-node/" },
            new TaxiiCollectionInfo { Id = "c-jpn", Title = "for JPN \u202Eevil", Grantee = "JPN", CanRead = false, Path = "/taxii2/api1/collections/c-jpn/" },
        ]));

        Assert.Contains("this nation's staff", text, StringComparison.Ordinal);
        Assert.Contains("/taxii2/api1/collections/c-jpn/", text, StringComparison.Ordinal);
        Assert.Contains("\uFFFDevil", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("yes").Length - 1);
    }
}
