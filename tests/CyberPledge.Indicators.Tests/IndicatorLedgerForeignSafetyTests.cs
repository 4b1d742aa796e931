using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

/// <summary>Relay paths, equivocation and version jumps (SECURITY.md rules 7 and 8) in ApplyForeignVersion.</summary>
public sealed class IndicatorLedgerForeignSafetyTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();
    private readonly ForeignOrigin _france = new();

    private static RelayHop Hop(string nation, string node = "relay-1") => new() { Nation = nation, NodeId = node };

    private Task<ApplyForeignVersionResponse> ApplyAsync(Indicator version, params RelayHop[] path) =>
        _harness.Ledger.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = version, OriginPublicKey = _france.PublicKey, Path = { path } }, CancellationToken.None);

    private Task<Indicator> GetAsync(ulong version = 0) =>
        _harness.Ledger.GetAsync(new GetRequest { Id = ForeignVersions.Unsigned().Id, Version = version }, CancellationToken.None);

    private async Task<ChangeEvent> FirstChangeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var change in _harness.Ledger.WatchAsync(new WatchRequest(), timeout.Token))
        {
            return change;
        }

        throw new InvalidOperationException("the feed ended");
    }

    /// <summary>Version 1 again, signed anew with another description: the same (origin, id, version), another leaf.</summary>
    private Indicator Fork(ulong version = 1)
    {
        var fork = ForeignVersions.Unsigned(version: version);
        fork.Description = "something else";
        return _france.Sign(fork);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_WithRelayPath_WatchCarriesThePath()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned()), Hop("DEU", "berlin"), Hop("NLD", "hague"));

        var change = await FirstChangeAsync();

        Assert.Equal([Hop("DEU", "berlin"), Hop("NLD", "hague")], change.RelayPath);
        Assert.Null(change.Indicator.Quarantine);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_SeventeenHops_IsInvalidArgument()
    {
        var path = Enumerable.Range(0, 17).Select(i => Hop("DEU", "relay-" + i)).ToArray();

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(_france.Sign(ForeignVersions.Unsigned()), path));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith("path: at most 16 hops", error.Message, StringComparison.Ordinal);
        Assert.Equal(0ul, _harness.Store.LastSequence);
    }

    [Theory]
    [InlineData("DE", "berlin", "path[1].nation:")]
    [InlineData("deu", "berlin", "path[1].nation:")]
    [InlineData("DEU", "Berlin", "path[1].node_id:")]
    [InlineData("DEU", "", "path[1].node_id:")]
    public async Task ApplyForeignVersionAsync_BadHop_IsInvalidArgumentNamingIt(string nation, string node, string message)
    {
        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(_france.Sign(ForeignVersions.Unsigned()), Hop("NLD"), Hop(nation, node)));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_SameVersionRedactedOrRelayed_IsIgnoredNotEquivocation()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned()));
        var redacted = _france.Sign(ForeignVersions.Unsigned());
        redacted.Sensitive = null;

        var again = await ApplyAsync(redacted, Hop("DEU"));

        Assert.Equal(ApplyOutcome.Ignored, again.Outcome);
        Assert.Null((await GetAsync()).Quarantine);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_SameVersionOtherDigest_IsEquivocationKeptAndQuarantined()
    {
        var original = _france.Sign(ForeignVersions.Unsigned());
        await ApplyAsync(original);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await ApplyAsync(Fork(), Hop("DEU"));

        Assert.Equal(ApplyOutcome.Equivocation, response.Outcome);
        Assert.Equal(1ul, response.StoredVersion);
        var stored = await GetAsync();
        Assert.Equal("loader", stored.Description);
        Assert.Equal(QuarantineReason.Equivocation, stored.Quarantine.Reason);
        Assert.Equal(1ul, stored.Quarantine.Version);
        Assert.Equal(_harness.Clock.GetUtcNow(), stored.Quarantine.Since.ToDateTimeOffset());
        Assert.NotNull((await FirstChangeAsync()).Indicator.Quarantine);
        var evidence = Assert.Single(await _harness.Store.ReadAsync(l => l.FindQuarantinedVersions(original.Id), CancellationToken.None));
        Assert.Equal("something else", evidence.Version.Description);
        Assert.Equal([Hop("DEU")], evidence.RelayPath);
        Assert.Equal(1ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_EquivocationTwice_KeepsOneCopyAndStaysQuarantinedThroughLaterVersions()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned()));
        await ApplyAsync(Fork());

        var twice = await ApplyAsync(Fork());
        var later = await ApplyAsync(_france.Sign(ForeignVersions.Unsigned(version: 2)));

        Assert.Equal(ApplyOutcome.Equivocation, twice.Outcome);
        Assert.Equal(ApplyOutcome.Applied, later.Outcome);
        Assert.Single(await _harness.Store.ReadAsync(l => l.FindQuarantinedVersions(ForeignVersions.Unsigned().Id), CancellationToken.None));
        var stored = await GetAsync();
        Assert.Equal(2ul, stored.Version);
        Assert.Equal(QuarantineReason.Equivocation, stored.Quarantine.Reason);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_JumpBeyondMaxStep_IsQuarantinedNotApplied()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned()));

        var jump = await ApplyAsync(_france.Sign(ForeignVersions.Unsigned(version: 1 + IndicatorsOptions.DefaultMaxVersionStep + 1)));

        Assert.Equal(ApplyOutcome.Quarantined, jump.Outcome);
        Assert.Equal(1ul, jump.StoredVersion);
        var stored = await GetAsync();
        Assert.Equal(1ul, stored.Version);
        Assert.Equal(QuarantineReason.VersionJump, stored.Quarantine.Reason);
        Assert.Equal(1ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_JumpOfExactlyMaxStep_IsApplied()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned()));

        var jump = await ApplyAsync(_france.Sign(ForeignVersions.Unsigned(version: 1 + IndicatorsOptions.DefaultMaxVersionStep)));

        Assert.Equal(ApplyOutcome.Applied, jump.Outcome);
        Assert.Null((await GetAsync()).Quarantine);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_ReceivedQuarantineMark_IsDropped()
    {
        var version = _france.Sign(ForeignVersions.Unsigned());
        version.Quarantine = new Quarantine { Reason = QuarantineReason.Equivocation, Version = 1 };

        Assert.Equal(ApplyOutcome.Applied, (await ApplyAsync(version)).Outcome);
        Assert.Null((await GetAsync()).Quarantine);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _france.Dispose();
    }
}
