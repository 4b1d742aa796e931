using CyberPledge.Benchmarks.Taxii;

namespace CyberPledge.Benchmarks.Tests.Taxii;

/// <summary>
/// The short form of the <c>taxii</c> benchmark (DESIGN.md Decision 16): a real node with 2,500 indicators, read whole
/// over TAXII (three pages and more, following <c>next</c>) and by Query. The benchmark fails unless both reads return
/// every indicator exactly once.
/// </summary>
public sealed class TaxiiBenchmarkTests
{
    [Fact]
    public async Task RunAsync_SmallCollection_BothPathsReadEveryIndicator()
    {
        var exit = await TaxiiBenchmark.RunAsync(["--objects", "2500", "--rounds", "1", "--limit", "700"]);

        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_Refused()
    {
        await Assert.ThrowsAsync<CyberPledge.ServiceDefaults.CommandLine.CommandLineException>(() => TaxiiBenchmark.RunAsync(["--nodes", "3"]));
    }
}
