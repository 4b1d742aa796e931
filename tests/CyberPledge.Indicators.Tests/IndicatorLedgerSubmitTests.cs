using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests;

public sealed class IndicatorLedgerSubmitTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();

    private IndicatorLedger Ledger => _harness.Ledger;

    [Fact]
    public async Task SubmitAsync_NewIndicator_IsCreatedSignedAndNormalized()
    {
        var result = await _harness.SubmitOneAsync(TestIndicators.Domain("Evil.Example.COM"));

        Assert.Equal(SubmitOutcome.Created, result.Outcome);
        Assert.Equal(1ul, result.Version);
        Assert.Equal(1ul, result.Sequence);
        var stored = await Ledger.GetAsync(new GetRequest { Id = result.Id }, CancellationToken.None);
        Assert.Equal("evil.example.com", stored.Value);
        Assert.Equal("XX", stored.Origin.Nation);
        Assert.Equal("node-1", stored.Origin.NodeId);
        Assert.Equal(stored.Created, stored.Modified);
        Assert.Equal(CanonicalEncoding.V2, stored.Encoding);
        Assert.Equal(16, stored.Commitments.InternalNotes.Salt.Length);
        Assert.True(_harness.Verifier.Verify(stored, _harness.PublicKey).IsValid);
    }

    [Fact]
    public async Task SubmitAsync_SameContentAgain_IsUnchanged()
    {
        var first = await _harness.SubmitOneAsync(TestIndicators.Domain("evil.example.com"));
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await _harness.SubmitOneAsync(TestIndicators.Domain("EVIL.example.com."));

        Assert.Equal(SubmitOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1ul, second.Version);
        Assert.Equal(first.Sequence, second.Sequence);
        Assert.Equal(1ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_DefangedCopy_DedupsToTheSameIndicator()
    {
        var first = await _harness.SubmitOneAsync(TestIndicators.Domain("evil.example.com"));
        var second = await _harness.SubmitOneAsync(TestIndicators.Domain("evil[.]example[.]com"));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(SubmitOutcome.Unchanged, second.Outcome);
    }

    [Fact]
    public async Task SubmitAsync_ChangedContent_MakesNextVersionKeepingCreated()
    {
        var first = await _harness.SubmitOneAsync(TestIndicators.Domain("evil.example.com"));
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        var changed = TestIndicators.Domain("evil.example.com", Tlp.Amber);

        var second = await _harness.SubmitOneAsync(changed);

        Assert.Equal(SubmitOutcome.Updated, second.Outcome);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2ul, second.Version);
        var v1 = await Ledger.GetAsync(new GetRequest { Id = first.Id, Version = 1 }, CancellationToken.None);
        var v2 = await Ledger.GetAsync(new GetRequest { Id = first.Id }, CancellationToken.None);
        Assert.Equal(Tlp.Green, v1.Tlp);
        Assert.Equal(Tlp.Amber, v2.Tlp);
        Assert.Equal(v1.Created, v2.Created);
        Assert.True(v2.Modified.ToDateTimeOffset() > v1.Modified.ToDateTimeOffset());
        Assert.Equal(v1.ValidFrom, v2.ValidFrom);
        Assert.True(_harness.Verifier.Verify(v2, _harness.PublicKey).IsValid);
    }

    [Fact]
    public async Task SubmitAsync_OnlySensitiveTextChanged_MakesNextVersion()
    {
        await _harness.SubmitOneAsync(TestIndicators.Domain("evil.example.com"));
        var changed = TestIndicators.Domain("evil.example.com");
        changed.InternalNotes = "confirmed by a second sensor";

        Assert.Equal(SubmitOutcome.Updated, (await _harness.SubmitOneAsync(changed)).Outcome);
    }

    [Fact]
    public async Task SubmitAsync_BatchWithInvalidItems_StoresValidOnesAndReportsEachItem()
    {
        var bad = TestIndicators.Ipv4(1);
        bad.Value = "300.1.1.1";
        var request = new SubmitRequest { Indicators = { TestIndicators.Ipv4(2), bad, TestIndicators.Domain("ok.example") } };

        var response = await Ledger.SubmitAsync(request, CancellationToken.None);

        Assert.Equal([SubmitOutcome.Created, SubmitOutcome.Rejected, SubmitOutcome.Created], response.Results.Select(r => r.Outcome));
        Assert.Equal((int)StatusCode.InvalidArgument, response.Results[1].StatusCode);
        Assert.StartsWith("value: not a dotted-quad IPv4 address", response.Results[1].Error, StringComparison.Ordinal);
        Assert.Equal(0, response.Results[0].StatusCode);
        Assert.Equal(2ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_SameIndicatorTwiceInOneBatch_SecondBuildsOnFirst()
    {
        var request = new SubmitRequest { Indicators = { TestIndicators.Domain("twice.example"), TestIndicators.Domain("twice.example", Tlp.Red) } };

        var response = await Ledger.SubmitAsync(request, CancellationToken.None);

        Assert.Equal([SubmitOutcome.Created, SubmitOutcome.Updated], response.Results.Select(r => r.Outcome));
        Assert.Equal(response.Results[0].Id, response.Results[1].Id);
        Assert.Equal([1ul, 2ul], response.Results.Select(r => r.Version));
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentSubmitsOfOneValue_StoreOneIndicatorOnce()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => _harness.SubmitOneAsync(TestIndicators.Domain("race.example"))));

        var results = await Task.WhenAll(tasks);

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => r.Outcome == SubmitOutcome.Created);
        Assert.All(results, r => Assert.Equal(1ul, r.Version));
        Assert.Equal(1ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentChangesOfOneIndicator_GetDistinctConsecutiveVersions()
    {
        var tlps = new[] { Tlp.Clear, Tlp.Green, Tlp.Amber, Tlp.AmberStrict, Tlp.Red, Tlp.Green };
        var results = await Task.WhenAll(tlps.Select(tlp => Task.Run(() => _harness.SubmitOneAsync(TestIndicators.Domain("busy.example", tlp)))));

        var versions = results.Where(r => r.Outcome != SubmitOutcome.Unchanged).Select(r => r.Version).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, versions.Length).Select(v => (ulong)v), versions);
        var latest = await Ledger.GetAsync(new GetRequest { Id = results[0].Id }, CancellationToken.None);
        Assert.Equal((ulong)versions.Length, latest.Version);
        Assert.True(_harness.Verifier.Verify(latest, _harness.PublicKey).IsValid);
    }

    [Fact]
    public async Task SubmitAsync_ByIdWithNewContent_UpdatesThatIndicator()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("by-id.example"));
        var change = TestIndicators.Domain("by-id.example", Tlp.Clear);
        change.Id = created.Id.ToUpperInvariant();

        var result = await _harness.SubmitOneAsync(change);

        Assert.Equal(SubmitOutcome.Updated, result.Outcome);
        Assert.Equal(created.Id, result.Id);
    }

    [Fact]
    public async Task SubmitAsync_ByIdWithOtherValue_IsRejected()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("fixed.example"));
        var change = TestIndicators.Domain("other.example");
        change.Id = created.Id;

        var result = await _harness.SubmitOneAsync(change);

        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.StartsWith("value: the type and value of an indicator cannot change", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ByUnknownId_IsNotFound()
    {
        var submission = TestIndicators.Domain("x.example");
        submission.Id = Guid.NewGuid().ToString();

        var result = await _harness.SubmitOneAsync(submission);

        Assert.Equal((int)StatusCode.NotFound, result.StatusCode);
        Assert.StartsWith("id: no indicator", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_RevokedIndicatorSubmittedAgain_IsReinstatedAsNewVersion()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("back.example"));
        await Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None);

        var again = await _harness.SubmitOneAsync(TestIndicators.Domain("back.example"));

        Assert.Equal(SubmitOutcome.Updated, again.Outcome);
        Assert.Equal(3ul, again.Version);
        Assert.False((await Ledger.GetAsync(new GetRequest { Id = created.Id }, CancellationToken.None)).Revoked);
    }

    [Theory]
    [InlineData(0, "indicators: at least one indicator")]
    [InlineData(1001, "indicators: at most 1000 per request")]
    public async Task SubmitAsync_BatchSizeOutOfRange_IsInvalidArgument(int count, string message)
    {
        var request = new SubmitRequest { Indicators = { Enumerable.Range(0, count).Select(TestIndicators.Ipv4) } };

        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.SubmitAsync(request, CancellationToken.None));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\t")]
    [InlineData("é")]
    public async Task SubmitAsync_MalformedIdempotencyKey_IsInvalidArgument(string key)
    {
        var request = new SubmitRequest { IdempotencyKey = key, Indicators = { TestIndicators.Ipv4(1) } };
        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.SubmitAsync(request, CancellationToken.None));
        Assert.StartsWith("idempotency_key:", error.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
