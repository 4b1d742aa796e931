using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

/// <summary>PromoteImported (SECURITY.md rule 2): an analyst vouches for an import; the promotion is signed and audited.</summary>
public sealed class IndicatorLedgerPromoteTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();

    private IndicatorLedger Ledger => _harness.Ledger;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<string> ImportAsync() =>
        (await Ledger.ImportAsync(new ImportRequest { Items = { IndicatorLedgerImportTests.Item() } }, CancellationToken.None)).Results[0].Id;

    private Task<Indicator> PromoteAsync(string id, string note = "seen on our own sensors") =>
        Ledger.PromoteImportedAsync(new PromoteImportedRequest { Id = id, Note = note }, "alice (analyst)", CancellationToken.None);

    [Fact]
    public async Task PromoteImported_Import_NewSignedVersionNamingThePromoterAndAudited()
    {
        var id = await ImportAsync();
        _harness.Clock.Advance(TimeSpan.FromMinutes(3));

        var promoted = await PromoteAsync(id);

        Assert.Equal(2ul, promoted.Version);
        Assert.True(promoted.Imported.Promoted);
        Assert.Equal("alice (analyst)", promoted.Imported.PromotedBy);
        Assert.Equal(CanonicalEncoding.V3, promoted.Encoding);
        var stored = await Ledger.GetAsync(new GetRequest { Id = id }, CancellationToken.None);
        Assert.Equal(promoted.Imported, stored.Imported);
        Assert.True(_harness.Verifier.Verify(stored, _harness.PublicKey).IsValid);
        var audit = await _harness.Store.ReadAsync(l => l.FindImportPromotions(id), CancellationToken.None);
        Assert.Equal([new ImportPromotionRecord(id, 2, "alice (analyst)", "seen on our own sensors", _harness.Clock.GetUtcNow())], audit);
    }

    [Fact]
    public async Task PromoteImported_AlreadyPromoted_IsFailedPrecondition()
    {
        var id = await ImportAsync();
        await PromoteAsync(id);

        var error = await Assert.ThrowsAsync<IndicatorException>(() => PromoteAsync(id));

        Assert.Equal(IndicatorErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal($"id: indicator {id} is already promoted (by alice (analyst))", error.Message);
    }

    [Fact]
    public async Task PromoteImported_OwnIndicator_IsFailedPrecondition()
    {
        var own = await _harness.SubmitOneAsync(TestIndicators.Domain("own.example"));

        var error = await Assert.ThrowsAsync<IndicatorException>(() => PromoteAsync(own.Id));

        Assert.Equal(IndicatorErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(1ul, (await Ledger.GetAsync(new GetRequest { Id = own.Id }, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task PromoteImported_Unknown_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<IndicatorException>(() => PromoteAsync("4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10"));

        Assert.Equal(IndicatorErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task PromoteImported_NoteWithBidiControl_IsInvalidArgument()
    {
        var id = await ImportAsync();

        var error = await Assert.ThrowsAsync<IndicatorException>(() => PromoteAsync(id, "ok\u202Eko"));

        Assert.StartsWith("note: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NewerObjectAfterPromotion_IsNotPromoted()
    {
        var id = await ImportAsync();
        await PromoteAsync(id);

        var result = (await Ledger.ImportAsync(new ImportRequest { Items = { IndicatorLedgerImportTests.Item(modifiedDays: 1) } }, CancellationToken.None)).Results[0];

        Assert.Equal((ImportOutcome.Updated, 3ul), (result.Outcome, result.Version));
        Assert.False((await Ledger.GetAsync(new GetRequest { Id = id }, CancellationToken.None)).Imported.Promoted);
    }

    [Fact]
    public async Task ApplyForeignVersion_PromotedImportFromAnotherNode_VerifiesAndIsStoredWithItsProvenance()
    {
        var id = await ImportAsync();
        var promoted = await PromoteAsync(id);
        await using var receiver = new LedgerHarness(nation: "FR", node: "paris");

        var applied = await receiver.Ledger.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = promoted, OriginPublicKey = Google.Protobuf.ByteString.CopyFrom(_harness.PublicKey) }, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, applied.Outcome);
        var stored = await receiver.Ledger.GetAsync(new GetRequest { Id = id }, CancellationToken.None);
        Assert.Equal(promoted.Imported, stored.Imported);
        Assert.Equal(CanonicalEncoding.V3, stored.Encoding);
    }

    [Fact]
    public async Task ApplyForeignVersion_ImportWithProvenanceAltered_IsRefused()
    {
        var id = await ImportAsync();
        var promoted = await PromoteAsync(id);
        promoted.Imported.Source = "taxii-connector:someone-else";
        await using var receiver = new LedgerHarness(nation: "FR", node: "paris");

        var error = await Assert.ThrowsAsync<IndicatorException>(() => receiver.Ledger.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = promoted, OriginPublicKey = Google.Protobuf.ByteString.CopyFrom(_harness.PublicKey) }, CancellationToken.None));

        Assert.StartsWith("indicator.signature: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
    }
}
