using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Storage;

/// <summary>The TAXII connector's sources and failures, on every store.</summary>
public abstract partial class FederationStoreContractTests
{
    private static StoredTaxiiSource Source(string name) =>
        new(name, $"https://taxii.example/api1/collections/{name}/", "bearer", [1, 2, 3], "", TimeSpan.FromSeconds(90), "alice (admin)", SavedAt);

    private static TaxiiImportFailureRecord Failure(int i) => new($"malware--{i}", "2026-01-01T00:00:00.000Z", $"reason {i}", SavedAt.AddSeconds(i));

    [Fact]
    public async Task AddTaxiiSourceAsync_ThenReopen_SameSourceAtNoPosition_SecondAddOfTheNameRefused()
    {
        Assert.True(await _store.AddTaxiiSourceAsync(Source("nld"), CancellationToken.None));
        Assert.False(await _store.AddTaxiiSourceAsync(Source("nld") with { CollectionUrl = "https://other.example/api1/collections/x/" }, CancellationToken.None));

        await RestartAsync();

        var stored = Assert.Single(await _store.TaxiiSourcesAsync(CancellationToken.None));
        Assert.Equal(Source("nld").CollectionUrl, stored.CollectionUrl);
        Assert.Equal([1, 2, 3], stored.SealedCredentials);
        Assert.Equal((TimeSpan.FromSeconds(90), "alice (admin)", SavedAt, "", 0L, 0L), (stored.PollInterval, stored.AddedBy, stored.AddedAt, stored.Position, stored.Imported, stored.Failed));
        Assert.Equal(new TaxiiSourceStatus(TaxiiSourceStates.Idle, "", null), stored.Status);
    }

    [Fact]
    public async Task SaveTaxiiPageAsync_PositionCountersAndFailures_KeptAcrossARestart_NewestFirst()
    {
        await _store.AddTaxiiSourceAsync(Source("nld"), CancellationToken.None);
        await _store.AddTaxiiSourceAsync(Source("fra"), CancellationToken.None);

        await _store.SaveTaxiiPageAsync("nld", "2026-01-01T00:00:01Z", 5, [Failure(1), Failure(2)], CancellationToken.None);
        await _store.SaveTaxiiPageAsync("nld", "2026-01-01T00:00:02Z", 3, [Failure(3)], CancellationToken.None);
        await _store.SetTaxiiSourceStatusAsync("nld", new TaxiiSourceStatus(TaxiiSourceStates.Failing, "HTTP 401", SavedAt), CancellationToken.None);
        await RestartAsync();

        var nld = (await _store.TaxiiSourcesAsync(CancellationToken.None)).Single(s => s.Name == "nld");
        Assert.Equal(("2026-01-01T00:00:02Z", 8L, 3L), (nld.Position, nld.Imported, nld.Failed));
        Assert.Equal(new TaxiiSourceStatus(TaxiiSourceStates.Failing, "HTTP 401", SavedAt), nld.Status);
        Assert.Equal([Failure(3), Failure(2)], await _store.TaxiiImportFailuresAsync("nld", 2, CancellationToken.None));
        Assert.Empty(await _store.TaxiiImportFailuresAsync("fra", 10, CancellationToken.None));
    }

    [Fact]
    public async Task SaveTaxiiPageAsync_BeyondTheFailuresKept_OldestDropped()
    {
        await _store.AddTaxiiSourceAsync(Source("nld"), CancellationToken.None);

        await _store.SaveTaxiiPageAsync("nld", "a", 0, Enumerable.Range(1, TaxiiSourceLimits.FailuresKept).Select(Failure).ToList(), CancellationToken.None);
        await _store.SaveTaxiiPageAsync("nld", "b", 0, [Failure(0)], CancellationToken.None);

        var kept = await _store.TaxiiImportFailuresAsync("nld", TaxiiSourceLimits.FailuresKept + 5, CancellationToken.None);
        Assert.Equal(TaxiiSourceLimits.FailuresKept, kept.Count);
        Assert.Equal("malware--0", kept[0].StixId);
        Assert.Equal("malware--2", kept[^1].StixId);
    }

    [Fact]
    public async Task RemoveTaxiiSourceAsync_SourceAndFailuresGone_ALaterPageKeepsNothing()
    {
        await _store.AddTaxiiSourceAsync(Source("nld"), CancellationToken.None);
        await _store.SaveTaxiiPageAsync("nld", "a", 1, [Failure(1)], CancellationToken.None);

        Assert.True(await _store.RemoveTaxiiSourceAsync("nld", CancellationToken.None));
        await _store.SaveTaxiiPageAsync("nld", "b", 1, [Failure(2)], CancellationToken.None);

        Assert.False(await _store.RemoveTaxiiSourceAsync("nld", CancellationToken.None));
        Assert.Empty(await _store.TaxiiSourcesAsync(CancellationToken.None));
        Assert.Empty(await _store.TaxiiImportFailuresAsync("nld", 10, CancellationToken.None));
    }
}
