using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests;

public sealed class IndicatorLedgerQueryTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();

    private IndicatorLedger Ledger => _harness.Ledger;

    [Fact]
    public async Task QueryAsync_ValueWithType_IsNormalizedBeforeMatching()
    {
        await _harness.SubmitOneAsync(TestIndicators.Domain("evil.example.com"));

        var response = await Ledger.QueryAsync(new QueryRequest { Type = IndicatorType.Domain, Value = "EVIL[.]example.com." }, CancellationToken.None);

        Assert.Equal("evil.example.com", Assert.Single(response.Indicators).Value);
        Assert.Empty(response.NextPageToken);
    }

    [Fact]
    public async Task QueryAsync_ValueWithoutType_MatchesAnyTypeWithThatNormalValue()
    {
        await _harness.SubmitOneAsync(TestIndicators.Domain("shared.example"));
        await _harness.SubmitOneAsync(new IndicatorSubmission { Type = IndicatorType.Url, Value = "http://shared.example/x", Tlp = Tlp.Green });

        var response = await Ledger.QueryAsync(new QueryRequest { Value = "shared.example" }, CancellationToken.None);
        var none = await Ledger.QueryAsync(new QueryRequest { Value = "unknown.example" }, CancellationToken.None);

        Assert.Equal(IndicatorType.Domain, Assert.Single(response.Indicators).Type);
        Assert.Empty(none.Indicators);
    }

    [Fact]
    public async Task QueryAsync_Pages_CoverEveryIndicatorOnce()
    {
        var request = new SubmitRequest { Indicators = { Enumerable.Range(0, 250).Select(TestIndicators.Ipv4) } };
        await Ledger.SubmitAsync(request, CancellationToken.None);

        var seen = new List<string>();
        var query = new QueryRequest { PageSize = 100 };
        var pages = 0;
        do
        {
            var page = await Ledger.QueryAsync(query, CancellationToken.None);
            seen.AddRange(page.Indicators.Select(i => i.Value));
            query.PageToken = page.NextPageToken;
            pages++;
        }
        while (query.PageToken.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(250, seen.Distinct().Count());
        Assert.Equal(250, seen.Count);
    }

    [Fact]
    public async Task QueryAsync_ModifiedSinceAndRevoked_Filter()
    {
        var old = await _harness.SubmitOneAsync(TestIndicators.Domain("old.example"));
        _harness.Clock.Advance(TimeSpan.FromDays(1));
        var since = Timestamp.FromDateTimeOffset(_harness.Clock.GetUtcNow());
        await _harness.SubmitOneAsync(TestIndicators.Domain("new.example"));
        await Ledger.RevokeAsync(new RevokeRequest { Id = old.Id }, CancellationToken.None);

        var recent = await Ledger.QueryAsync(new QueryRequest { ModifiedSince = since }, CancellationToken.None);
        var withRevoked = await Ledger.QueryAsync(new QueryRequest { ModifiedSince = since, IncludeRevoked = true }, CancellationToken.None);

        Assert.Equal(["new.example"], recent.Indicators.Select(i => i.Value));
        Assert.Equal(["new.example", "old.example"], withRevoked.Indicators.Select(i => i.Value));
    }

    public static TheoryData<string, QueryRequest> BadQueries => new()
    {
        { "page_token: not a token from a previous response", new QueryRequest { PageToken = "garbage" } },
        { "page_token: not a token from a previous response", new QueryRequest { PageToken = "q1.9223372036854775808" } },
        { "page_token: not a token from a previous response", new QueryRequest { PageToken = "q1.18446744073709551615" } },
        { "type: unknown value 77", new QueryRequest { Type = (IndicatorType)77 } },
        { "sector: unknown value 99", new QueryRequest { Sector = (Sector)99 } },
        { "tlp: unknown value 9", new QueryRequest { Tlp = (Tlp)9 } },
        { "value: not a dotted-quad IPv4 address", new QueryRequest { Type = IndicatorType.Ipv4, Value = "1.2.3" } },
        { "text: longer than 256 characters", new QueryRequest { Text = new string('x', 257) } },
        { "modified_since: not a valid timestamp", new QueryRequest { ModifiedSince = new Timestamp { Nanos = -1 } } },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task QueryAsync_BadFilter_IsInvalidArgument(string message, QueryRequest request)
    {
        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.QueryAsync(request, CancellationToken.None));
        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_PageSizeAboveMaximum_IsCappedAt1000()
    {
        await Ledger.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 1000).Select(TestIndicators.Ipv4) } }, CancellationToken.None);
        await Ledger.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(1000, 5).Select(TestIndicators.Ipv4) } }, CancellationToken.None);

        var page = await Ledger.QueryAsync(new QueryRequest { PageSize = 5000 }, CancellationToken.None);

        Assert.Equal(1000, page.Indicators.Count);
        Assert.NotEmpty(page.NextPageToken);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
