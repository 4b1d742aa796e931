using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

/// <summary>Providers of foreign indicators and WithdrawForeignCopy (SECURITY.md rule 6): removal only when no link provides it any more.</summary>
public sealed class IndicatorLedgerWithdrawTests : IAsyncLifetime
{
    private static readonly Origin France = new() { Nation = "FR", NodeId = "paris" };

    private readonly LedgerHarness _harness = new(nation: "NLD", node: "hague");
    private readonly ForeignOrigin _france = new();

    private static string Id => ForeignVersions.Unsigned().Id;

    /// <summary>Version <paramref name="version"/> of France's indicator through the link with <paramref name="via"/> (FRA: directly).</summary>
    private async Task<ApplyOutcome> ApplyAsync(string via, ulong version = 1)
    {
        var request = new ApplyForeignVersionRequest { Indicator = _france.Sign(ForeignVersions.Unsigned(version: version)), OriginPublicKey = _france.PublicKey };
        if (via != "FRA")
        {
            request.Path.Add(new RelayHop { Nation = via, NodeId = "relay" });
        }

        return (await _harness.Ledger.ApplyForeignVersionAsync(request, CancellationToken.None)).Outcome;
    }

    private Task<WithdrawForeignCopyResponse> WithdrawAsync(string provider, Origin? origin = null, string? id = null) =>
        _harness.Ledger.WithdrawForeignCopyAsync(new WithdrawForeignCopyRequest { Origin = origin ?? France, IndicatorId = id ?? Id, Provider = provider }, CancellationToken.None);

    private async Task<List<ChangeEvent>> FeedAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<ChangeEvent>();
        await foreach (var change in _harness.Ledger.WatchAsync(new WatchRequest(), stop.Token))
        {
            events.Add(change);
            if (change.Sequence == _harness.Store.LastSequence)
            {
                break;
            }
        }

        return events;
    }

    [Fact]
    public async Task WithdrawForeignCopy_OnlyProvider_IndicatorLeavesAndTheFeedSaysSo()
    {
        await ApplyAsync("FRA");

        var response = await WithdrawAsync("FRA");

        Assert.Equal(WithdrawOutcome.Removed, response.Outcome);
        Assert.Equal(2ul, response.Sequence);
        var error = await Assert.ThrowsAsync<IndicatorException>(() => _harness.Ledger.GetAsync(new GetRequest { Id = Id }, CancellationToken.None));
        Assert.Equal(IndicatorErrorKind.NotFound, error.Kind);
        var removal = Assert.Single(await FeedAsync());
        Assert.True(removal.Removed);
        Assert.Equal((Id, 1ul), (removal.Indicator.Id, removal.Indicator.Version));
    }

    [Fact]
    public async Task WithdrawForeignCopy_TwoProviders_OneWithdrawsAndTheIndicatorStaysUntilTheOtherDoes()
    {
        await ApplyAsync("FRA");
        await ApplyAsync("DEU");

        var first = await WithdrawAsync("FRA");
        var stillThere = await _harness.Ledger.GetAsync(new GetRequest { Id = Id }, CancellationToken.None);
        var second = await WithdrawAsync("DEU");

        Assert.Equal(WithdrawOutcome.ProviderRemoved, first.Outcome);
        Assert.Equal(1ul, stillThere.Version);
        Assert.Equal(WithdrawOutcome.Removed, second.Outcome);
    }

    [Fact]
    public async Task WithdrawForeignCopy_SameLinkAgainOrNotAProvider_ChangesNothing()
    {
        await ApplyAsync("FRA");
        await ApplyAsync("DEU", version: 2);
        Assert.Equal(WithdrawOutcome.ProviderRemoved, (await WithdrawAsync("DEU")).Outcome);

        var again = await WithdrawAsync("DEU");
        var stranger = await WithdrawAsync("POL");

        Assert.Equal(WithdrawOutcome.Unchanged, again.Outcome);
        Assert.Equal(WithdrawOutcome.Unchanged, stranger.Outcome);
        Assert.Equal(2ul, (await _harness.Ledger.GetAsync(new GetRequest { Id = Id }, CancellationToken.None)).Version);
        Assert.Equal(2ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task WithdrawForeignCopy_NotHeldOwnOrAnotherOrigin_ChangesNothing()
    {
        var own = await _harness.SubmitOneAsync(new IndicatorSubmission { Type = IndicatorType.Domain, Value = "own.example", Tlp = Tlp.Green });
        await ApplyAsync("FRA");

        Assert.Equal(WithdrawOutcome.Unchanged, (await WithdrawAsync("FRA", id: "5d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10")).Outcome);
        Assert.Equal(WithdrawOutcome.Unchanged, (await WithdrawAsync("NLD", origin: new Origin { Nation = "NLD", NodeId = "hague" }, id: own.Id)).Outcome);
        Assert.Equal(WithdrawOutcome.Unchanged, (await WithdrawAsync("FRA", origin: new Origin { Nation = "DEU", NodeId = "paris" })).Outcome);
        Assert.Equal(2ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task WithdrawForeignCopy_AfterRemoval_ANewCopyComesBackAndIsProvidedAgain()
    {
        await ApplyAsync("FRA");
        await WithdrawAsync("FRA");

        var back = await ApplyAsync("DEU", version: 2);

        Assert.Equal(ApplyOutcome.Applied, back);
        Assert.Equal(2ul, (await _harness.Ledger.GetAsync(new GetRequest { Id = Id }, CancellationToken.None)).Version);
        Assert.Equal(WithdrawOutcome.Removed, (await WithdrawAsync("DEU")).Outcome);
    }

    [Fact]
    public async Task WithdrawForeignCopy_FlaggedIndicator_TheFlagLeavesWithIt()
    {
        var resolver = ForeignVersions.Unsigned();
        (resolver.Type, resolver.Value) = (IndicatorType.Ipv4, "8.8.8.8");
        var flagged = await _harness.Ledger.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = _france.Sign(resolver), OriginPublicKey = _france.PublicKey }, CancellationToken.None);
        Assert.True(flagged.Flagged);

        await WithdrawAsync("FRA");
        await ApplyAsync("DEU", version: 2);

        // Version 2 matches no warning list: a flag left behind by the removal would still show on it.
        Assert.Null((await _harness.Ledger.GetAsync(new GetRequest { Id = Id }, CancellationToken.None)).Warning);
        Assert.Null((await FeedAsync())[0].Indicator.Warning);
    }

    [Fact]
    public void SignWithdrawal_SignedByThisNodeAsSender_VerifiesWithItsKey()
    {
        var withdrawal = _harness.Ledger.SignWithdrawal(new SignWithdrawalRequest { Grantee = "JP", Origin = France, IndicatorId = Id.ToUpperInvariant(), Version = 3 });

        Assert.Equal(("NLD", "hague", "JPN", Id), (withdrawal.Sender.Nation, withdrawal.Sender.NodeId, withdrawal.Grantee, withdrawal.IndicatorId));
        Assert.True(WithdrawalSignature.Verify(withdrawal, _harness.PublicKey).IsValid);
    }

    [Fact]
    public void SignWithdrawal_NoVersion_IsInvalid()
    {
        var error = Assert.Throws<IndicatorException>(() => _harness.Ledger.SignWithdrawal(new SignWithdrawalRequest { Grantee = "JPN", Origin = France, IndicatorId = Id }));

        Assert.Equal("version: versions start at 1", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _france.Dispose();
        await _harness.DisposeAsync();
    }
}
