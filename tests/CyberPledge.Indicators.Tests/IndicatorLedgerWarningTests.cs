using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

/// <summary>Foreign versions screened on Apply (SECURITY.md rule 4): flags, reviews, filters and inbound rules.</summary>
public sealed class IndicatorLedgerWarningTests : IAsyncLifetime
{
    private const string Id = "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10";
    private LedgerHarness _harness = new();
    private readonly ForeignOrigin _france = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _france.Dispose();
    }

    private async Task UseRulesAsync(Action<IndicatorsOptions> configure)
    {
        await _harness.DisposeAsync();
        _harness = new LedgerHarness(configure: configure);
    }

    private Indicator Version(IndicatorType type, string value, ulong version = 1, string id = Id)
    {
        var unsigned = ForeignVersions.Unsigned(version: version);
        unsigned.Id = id;
        unsigned.Type = type;
        unsigned.Value = value;
        return _france.Sign(unsigned);
    }

    private Task<ApplyForeignVersionResponse> ApplyAsync(Indicator version) =>
        _harness.Ledger.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = version, OriginPublicKey = _france.PublicKey }, CancellationToken.None);

    private Task<Indicator> GetAsync(string id = Id) => _harness.Ledger.GetAsync(new GetRequest { Id = id }, CancellationToken.None);

    private Task<Indicator> ReviewAsync(ulong version, WarningState state, string note = "checked with the origin") =>
        _harness.Ledger.ReviewWarningAsync(new ReviewWarningRequest { Id = Id, Version = version, State = state, Note = note }, "alice (analyst)", CancellationToken.None);

    private async Task<string[]> QueryIdsAsync(WarningFilter filter) =>
        [.. (await _harness.Ledger.QueryAsync(new QueryRequest { Warnings = filter }, CancellationToken.None)).Indicators.Select(i => i.Id)];

    [Fact]
    public async Task ApplyForeignVersion_PublicResolver_StoredButFlaggedUnconfirmed()
    {
        var response = await ApplyAsync(Version(IndicatorType.Ipv4, "8.8.8.8"));

        Assert.Equal(ApplyOutcome.Applied, response.Outcome);
        Assert.True(response.Flagged);
        var flag = (await GetAsync()).Warning;
        Assert.Equal(WarningState.Unconfirmed, flag.State);
        Assert.Equal(1ul, flag.Version);
        Assert.Equal([("cdn-cloud-ranges", "8.8.8.0/24"), ("public-dns-resolvers", "8.8.8.8")], flag.Matches.Select(m => (m.List, m.Entry)));
    }

    [Fact]
    public async Task ApplyForeignVersion_UnlistedValue_NotFlagged()
    {
        var response = await ApplyAsync(Version(IndicatorType.Domain, "c2.evil.example"));

        Assert.False(response.Flagged);
        Assert.Null((await GetAsync()).Warning);
    }

    [Fact]
    public async Task ApplyForeignVersion_SenderSetsAWarningFlag_ItIsDropped()
    {
        var version = Version(IndicatorType.Domain, "c2.evil.example");
        version.Warning = new WarningFlag { State = WarningState.Confirmed, Version = 1 };

        await ApplyAsync(version);

        Assert.Null((await GetAsync()).Warning);
    }

    [Fact]
    public async Task QueryAndWatch_ExcludeUnconfirmed_LeaveFlaggedOutUntilConfirmed()
    {
        const string Clean = "0190f1a2-0000-7000-8000-000000000001";
        await ApplyAsync(Version(IndicatorType.Ipv4, "10.1.2.3"));
        await ApplyAsync(Version(IndicatorType.Ipv4, "45.33.1.2", id: Clean));

        Assert.Equal([Id, Clean], await QueryIdsAsync(WarningFilter.Any));
        Assert.Equal([Clean], await QueryIdsAsync(WarningFilter.ExcludeUnconfirmed));
        Assert.Equal([Id], await QueryIdsAsync(WarningFilter.UnconfirmedOnly));
        Assert.Equal([Clean], await WatchIdsAsync(expected: 1));

        await ReviewAsync(1, WarningState.Confirmed);

        Assert.Equal([Id, Clean], await QueryIdsAsync(WarningFilter.ExcludeUnconfirmed));
        Assert.Empty(await QueryIdsAsync(WarningFilter.UnconfirmedOnly));
        Assert.Equal([Id, Clean], await WatchIdsAsync(expected: 2));
    }

    private async Task<string[]> WatchIdsAsync(int expected)
    {
        var ids = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var change in _harness.Ledger.WatchAsync(new WatchRequest { ExcludeUnconfirmedWarnings = true }, timeout.Token))
        {
            ids.Add(change.Indicator.Id);
            if (ids.Count == expected)
            {
                break;
            }
        }

        return [.. ids];
    }

    [Fact]
    public async Task ReviewWarning_Confirm_IsKeptWithReviewerAndAudited()
    {
        await ApplyAsync(Version(IndicatorType.Ipv4, "8.8.8.8"));

        var reviewed = await ReviewAsync(1, WarningState.Confirmed);
        await ReviewAsync(1, WarningState.Unconfirmed, "origin withdrew its assessment");

        Assert.Equal(WarningState.Confirmed, reviewed.Warning.State);
        Assert.Equal("alice (analyst)", reviewed.Warning.ReviewedBy);
        Assert.Equal(_harness.Clock.GetUtcNow(), reviewed.Warning.ReviewedAt.ToDateTimeOffset());
        Assert.Equal(WarningState.Unconfirmed, (await GetAsync()).Warning.State);
        var audit = await _harness.Store.ReadAsync(l => l.FindWarningReviews(Id), CancellationToken.None);
        Assert.Equal([(WarningState.Confirmed, "checked with the origin"), (WarningState.Unconfirmed, "origin withdrew its assessment")],
            audit.Select(r => (r.State, r.Note)));
        Assert.All(audit, r => Assert.Equal(("alice (analyst)", 1ul), (r.Reviewer, r.Version)));
    }

    [Fact]
    public async Task ReviewWarning_NotFlaggedOrOtherVersion_IsFailedPrecondition()
    {
        await ApplyAsync(Version(IndicatorType.Domain, "c2.evil.example"));
        var unflagged = await Assert.ThrowsAsync<IndicatorException>(() => ReviewAsync(1, WarningState.Confirmed));

        Assert.Equal(IndicatorErrorKind.FailedPrecondition, unflagged.Kind);
        Assert.StartsWith("id: indicator " + Id + " is not flagged", unflagged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewWarning_StaleVersionOrBadInput_IsRefused()
    {
        await ApplyAsync(Version(IndicatorType.Ipv4, "8.8.8.8"));
        await ApplyAsync(Version(IndicatorType.Ipv4, "8.8.8.8", version: 2));

        var stale = await Assert.ThrowsAsync<IndicatorException>(() => ReviewAsync(1, WarningState.Confirmed));
        var noState = await Assert.ThrowsAsync<IndicatorException>(() => ReviewAsync(2, WarningState.Unspecified));
        var bidi = await Assert.ThrowsAsync<IndicatorException>(() => ReviewAsync(2, WarningState.Confirmed, "ok\u202E"));

        Assert.Equal((IndicatorErrorKind.FailedPrecondition, "version: the flag is for version 2: review that version"), (stale.Kind, stale.Message));
        Assert.StartsWith("state: ", noState.Message, StringComparison.Ordinal);
        Assert.StartsWith("note: ", bidi.Message, StringComparison.Ordinal);
        Assert.Empty(await _harness.Store.ReadAsync(l => l.FindWarningReviews(Id), CancellationToken.None));
    }

    [Fact]
    public async Task ApplyForeignVersion_NewVersion_IsCheckedAgain()
    {
        await ApplyAsync(Version(IndicatorType.Ipv4, "8.8.8.8"));
        await ReviewAsync(1, WarningState.Confirmed);

        // Same value, same matches: the confirmation carries over to the new version.
        await ApplyAsync(Version(IndicatorType.Ipv4, "8.8.8.8", version: 2));
        var carried = (await GetAsync()).Warning;
        // Another value under the same id (a misbehaving origin): flagged anew, unconfirmed.
        await ApplyAsync(Version(IndicatorType.Ipv4, "192.168.1.1", version: 3));
        var changed = (await GetAsync()).Warning;
        // A clean value: the flag goes.
        await ApplyAsync(Version(IndicatorType.Ipv4, "45.33.1.2", version: 4));

        Assert.Equal((2ul, WarningState.Confirmed, "alice (analyst)"), (carried.Version, carried.State, carried.ReviewedBy));
        Assert.Equal((3ul, WarningState.Unconfirmed, ""), (changed.Version, changed.State, changed.ReviewedBy));
        Assert.Null((await GetAsync()).Warning);
    }

    [Fact]
    public async Task ApplyForeignVersions_InboundTypes_RefusedTypeIsNotStored()
    {
        await UseRulesAsync(o => o.Inbound["FRA"] = new InboundOriginRules { Types = [IndicatorType.Sha256, IndicatorType.Domain] });
        const string Other = "0190f1a2-0000-7000-8000-000000000002";

        var response = await _harness.Ledger.ApplyForeignVersionsAsync(new ApplyForeignVersionsRequest
        {
            Items =
            {
                new ApplyForeignVersionRequest { Indicator = Version(IndicatorType.Ipv4, "45.33.1.2"), OriginPublicKey = _france.PublicKey },
                new ApplyForeignVersionRequest { Indicator = Version(IndicatorType.Domain, "c2.evil.example", id: Other), OriginPublicKey = _france.PublicKey },
            },
        }, CancellationToken.None);

        Assert.Equal([ApplyOutcome.Refused, ApplyOutcome.Applied], response.Results.Select(r => r.Outcome));
        Assert.Equal((0ul, 0ul), (response.Results[0].Sequence, response.Results[0].StoredVersion));
        Assert.Equal([Other], await QueryIdsAsync(WarningFilter.Any));
    }

    [Fact]
    public async Task ApplyForeignVersion_InboundFlagAll_FlagsEveryVersionFromThatOrigin()
    {
        await UseRulesAsync(o => o.Inbound["FR"] = new InboundOriginRules { FlagAll = true });

        var response = await ApplyAsync(Version(IndicatorType.Domain, "c2.evil.example"));

        Assert.True(response.Flagged);
        Assert.Equal([("inbound-rules", "flag_all FRA")], (await GetAsync()).Warning.Matches.Select(m => (m.List, m.Entry)));
    }

    [Fact]
    public async Task ApplyForeignVersion_InboundMaxSignedBatch_FlagsVersionsOfLargerOriginBatches()
    {
        await UseRulesAsync(o => o.Inbound["*"] = new InboundOriginRules { MaxSignedBatch = 1 });
        const string Other = "0190f1a2-0000-7000-8000-000000000003";
        var single = Version(IndicatorType.Domain, "c2.evil.example");
        var pair = new[] { Unsigned(IndicatorType.Domain, "a.evil.example", Other), Unsigned(IndicatorType.Domain, "b.evil.example", "0190f1a2-0000-7000-8000-000000000004") };
        _france.SignBatch(pair);

        var alone = await ApplyAsync(single);
        var batched = await ApplyAsync(pair[0]);

        Assert.False(alone.Flagged);
        Assert.True(batched.Flagged);
        Assert.Equal([("inbound-rules", "max_signed_batch 1 FRA")], (await GetAsync(Other)).Warning.Matches.Select(m => (m.List, m.Entry)));
    }

    private static Indicator Unsigned(IndicatorType type, string value, string id)
    {
        var unsigned = ForeignVersions.Unsigned();
        unsigned.Id = id;
        unsigned.Type = type;
        unsigned.Value = value;
        return unsigned;
    }
}
