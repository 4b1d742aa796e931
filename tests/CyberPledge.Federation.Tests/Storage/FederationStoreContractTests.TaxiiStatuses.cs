using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Storage;

/// <summary>TAXII POST statuses: pending with the objects across a restart, complete with the outcomes, then retention.</summary>
public abstract partial class FederationStoreContractTests
{
    [Fact]
    public async Task TaxiiStatus_AddedThenReopened_PendingWithItsObjectsUntilCompleted()
    {
        var first = Status("status-1", SavedAt);
        var second = Status("status-2", SavedAt.AddSeconds(1));
        await _store.AddTaxiiStatusAsync(second, """[{"b":2}]""", CancellationToken.None);
        await _store.AddTaxiiStatusAsync(first, """[{"a":1}]""", CancellationToken.None);

        await RestartAsync();
        var pending = await _store.PendingTaxiiImportsAsync(CancellationToken.None);
        await _store.CompleteTaxiiStatusAsync("status-1", SavedAt.AddMinutes(1), """[{"id":"x"}]""", CancellationToken.None);
        await RestartAsync();
        var left = await _store.PendingTaxiiImportsAsync(CancellationToken.None);
        var completed = await _store.GetTaxiiStatusAsync("status-1", CancellationToken.None);

        Assert.Equal([new PendingTaxiiImport(first, """[{"a":1}]"""), new PendingTaxiiImport(second, """[{"b":2}]""")], pending);
        Assert.Equal("status-2", Assert.Single(left).Status.Id);
        Assert.Equal(first with { CompletedAt = SavedAt.AddMinutes(1), DetailsJson = """[{"id":"x"}]""" }, completed);
        Assert.Equal(second, await _store.GetTaxiiStatusAsync("status-2", CancellationToken.None));
        Assert.Null(await _store.GetTaxiiStatusAsync("status-3", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteTaxiiStatusesBeforeAsync_CompletedBeforeTheCutoffOnly()
    {
        await _store.AddTaxiiStatusAsync(Status("old", SavedAt), "[]", CancellationToken.None);
        await _store.AddTaxiiStatusAsync(Status("recent", SavedAt), "[]", CancellationToken.None);
        await _store.AddTaxiiStatusAsync(Status("pending", SavedAt), "[]", CancellationToken.None);
        await _store.CompleteTaxiiStatusAsync("old", SavedAt.AddDays(1), "[]", CancellationToken.None);
        await _store.CompleteTaxiiStatusAsync("recent", SavedAt.AddDays(3), "[]", CancellationToken.None);

        var deleted = await _store.DeleteTaxiiStatusesBeforeAsync(SavedAt.AddDays(2), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await _store.GetTaxiiStatusAsync("old", CancellationToken.None));
        Assert.NotNull(await _store.GetTaxiiStatusAsync("recent", CancellationToken.None));
        Assert.NotNull(await _store.GetTaxiiStatusAsync("pending", CancellationToken.None));
    }

    private static TaxiiStatusRecord Status(string id, DateTimeOffset at) =>
        new(id, "user:alice", "collection-1", "taxii-post:collection-1:user:alice", at, 2);
}
