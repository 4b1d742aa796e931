using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>Query reads its filters as leniently as Submit reads an indicator, rather than silently matching nothing.</summary>
public sealed class QueryFilterTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task Query_OriginNationInLowerCase_Matches()
    {
        var id = await SubmitAsync(TestIndicators.Domain("nation-case.example"));

        var page = await _host.Client.QueryAsync(new QueryRequest { OriginNation = "xxx" }, deadline: Deadline);

        Assert.Equal(id, Assert.Single(page.Indicators).Id);
    }

    [Fact]
    public async Task Query_DefangedValueWithoutType_RefangedAndNormalized()
    {
        var id = await SubmitAsync(TestIndicators.Domain("evil.example.com"));
        await SubmitAsync(TestIndicators.Domain("other.example.com"));

        var page = await _host.Client.QueryAsync(new QueryRequest { Value = "EVIL[.]example.com" }, deadline: Deadline);

        Assert.Equal(id, Assert.Single(page.Indicators).Id);
    }

    [Fact]
    public async Task Query_TextInUnicodeFormOfIdnDomain_Matches()
    {
        var id = await SubmitAsync(TestIndicators.Domain("bücher.example"));
        await SubmitAsync(TestIndicators.Domain("buecher.example"));

        var page = await _host.Client.QueryAsync(new QueryRequest { Text = "bücher.example" }, deadline: Deadline);

        Assert.Equal(id, Assert.Single(page.Indicators).Id);
    }

    private async Task<string> SubmitAsync(IndicatorSubmission submission)
    {
        var response = await _host.Client.SubmitAsync(new SubmitRequest { Indicators = { submission } }, deadline: Deadline);
        var result = Assert.Single(response.Results);
        Assert.Equal(SubmitOutcome.Created, result.Outcome);
        return result.Id;
    }
}
