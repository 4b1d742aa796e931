using CyberPledge.Partners.Audit;
using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Partners.Tests.Storage;

/// <summary>
/// The store contract (<see cref="IPartnerStore"/>): every implementation passes these tests, through a subclass that
/// says how to open it (SQLite, PostgreSQL).
/// </summary>
public abstract class PartnerStoreContractTests : IAsyncLifetime
{
    private IPartnerStore _store = null!;

    /// <summary>Opens the store under test: a new, empty one at a test's first call; the same data at later calls (a restart).</summary>
    protected abstract Task<IPartnerStore> OpenAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await CleanUpAsync();
    }

    private Task<T> Write<T>(Func<IPartnerWriteTransaction, T> work) => _store.WriteAsync(work, CancellationToken.None);

    [Fact]
    public async Task AppendAuditAsync_Batches_SequencesGapFreeAndChained()
    {
        var first = await _store.AppendAuditAsync([TestData.Entry("share.allowed"), TestData.Entry("share.withheld")], CancellationToken.None);
        var second = await _store.AppendAuditAsync([TestData.Entry("share.allowed")], CancellationToken.None);

        Assert.Equal([1ul, 2ul, 3ul], first.Concat(second).Select(r => r.Sequence));
        Assert.Equal(AuditChain.Genesis, first[0].PreviousHash.ToByteArray());
        Assert.Equal(first[1].Hash, second[0].PreviousHash);
        Assert.Equal(AuditChain.Hash(second[0]), second[0].Hash.ToByteArray());
        Assert.Equal(3ul, _store.LastSequence);
    }

    [Fact]
    public async Task WriteAsync_WorkThrows_ItsChangesAndRecordUndoneAndChainContinuesFromTheLastKept()
    {
        var failing = Write<AuditRecord>(tx =>
        {
            tx.SavePeer(TestData.Peer("KOR"), TestData.Entry("peer.added", "KOR"));
            throw new InvalidOperationException("refused");
        });
        var kept = Write(tx => tx.SavePeer(TestData.Peer("JPN"), TestData.Entry("peer.added")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var record = await kept;
        Assert.Equal(1ul, record.Sequence);
        Assert.Null(await _store.GetPeerAsync("KOR", CancellationToken.None));
        Assert.True((await AuditVerifier.VerifyAsync(_store, CancellationToken.None)).Valid);
    }

    [Fact]
    public async Task SavePeer_AddReplaceRemove_ReadsFollow()
    {
        await Write(tx => tx.SavePeer(TestData.Peer("JPN"), TestData.Entry("peer.added")));
        var updated = TestData.Peer("JPN");
        updated.Name = "Japan";
        await Write(tx => tx.SavePeer(updated, TestData.Entry("peer.updated")));
        await Write(tx => tx.SavePeer(TestData.Peer("AUS"), TestData.Entry("peer.added", "AUS")));
        await Write(tx => tx.RemovePeer("AUS", TestData.Entry("peer.removed", "AUS")));

        Assert.Equal("Japan", (await _store.GetPeerAsync("JPN", CancellationToken.None))!.Name);
        Assert.Equal(["JPN"], (await _store.ListPeersAsync(CancellationToken.None)).Select(p => p.Nation));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Write(tx => tx.RemovePeer("AUS", TestData.Entry("peer.removed", "AUS"))));
    }

    [Fact]
    public async Task ReadPeerRegistryAsync_PeerChangesOtherRecordsAndReopen_RevisionIsTheLastPeerChangesAndSurvives()
    {
        Assert.Equal(0ul, (await _store.ReadPeerRegistryAsync(CancellationToken.None)).Revision);
        await Write(tx => tx.SavePeer(TestData.Peer("JPN"), TestData.Entry("peer.added")));
        await Write(tx => tx.SavePeer(TestData.Peer("AUS"), TestData.Entry("peer.added", "AUS")));
        var removed = await Write(tx => tx.RemovePeer("AUS", TestData.Entry("peer.removed", "AUS")));
        await _store.AppendAuditAsync([TestData.Entry("share.allowed")], CancellationToken.None);
        await _store.DisposeAsync();
        _store = await OpenAsync();

        var registry = await _store.ReadPeerRegistryAsync(CancellationToken.None);

        Assert.Equal(removed.Sequence, registry.Revision);
        Assert.Equal(["JPN"], registry.Peers.Select(p => p.Nation));
        Assert.Equal(removed.Sequence, await _store.GetPeerRevisionAsync(CancellationToken.None));
        var updated = await Write(tx => tx.SavePeer(TestData.Peer("JPN"), TestData.Entry("peer.updated")));
        Assert.Equal(updated.Sequence, await _store.GetPeerRevisionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendAgreement_Versions_LatestHistoryAndSnapshotAsOfASequence()
    {
        var v1 = Version(TestData.Agreement(), 1);
        var first = await Write(tx => tx.AppendAgreement(v1, TestData.Entry("agreement.created", subject: "agreement:JPN-2026-01")));
        await Write(tx => tx.AppendAgreement(Version(TestData.Agreement("KOR-1", "KOR"), 1), TestData.Entry("agreement.created", "KOR")));
        await Write(tx => tx.AppendAgreement(Version(TestData.Agreement(), 2), TestData.Entry("agreement.updated")));

        Assert.Equal(2ul, (await _store.GetAgreementAsync("JPN-2026-01", 0, CancellationToken.None))!.Version);
        Assert.Equal(1ul, (await _store.GetAgreementAsync("JPN-2026-01", 1, CancellationToken.None))!.Version);
        Assert.Null(await _store.GetAgreementAsync("JPN-2026-01", 3, CancellationToken.None));
        Assert.Equal([1ul, 2ul], (await _store.GetAgreementHistoryAsync("JPN-2026-01", CancellationToken.None)).Select(a => a.Version));
        Assert.Equal([("JPN-2026-01", 2ul), ("KOR-1", 1ul)], (await _store.ListAgreementsAsync(ulong.MaxValue, CancellationToken.None)).Select(a => (a.Id, a.Version)));
        Assert.Equal([("JPN-2026-01", 1ul)], (await _store.ListAgreementsAsync(first.Sequence, CancellationToken.None)).Select(a => (a.Id, a.Version)));
        var changes = await _store.ReadAgreementChangesAsync(first.Sequence, 10, CancellationToken.None);
        Assert.Equal([(2ul, "KOR-1"), (3ul, "JPN-2026-01")], changes.Select(c => (c.Sequence, c.Agreement.Id)));
    }

    [Fact]
    public async Task ListAuditAsync_Filters_ByGranteeSubjectTimeAndPage()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await _store.AppendAuditAsync(
        [
            TestData.Entry("a", "JPN", "peer:JPN", start),
            TestData.Entry("b", "KOR", "peer:KOR", start.AddHours(1)),
            TestData.Entry("c", "JPN", "agreement:JPN-1", start.AddHours(2)),
            TestData.Entry("d", "JPN", "peer:JPN", start.AddHours(3)),
        ], CancellationToken.None);

        async Task<IEnumerable<string>> Actions(AuditQuery query) => (await _store.ListAuditAsync(query, CancellationToken.None)).Select(r => r.Action);
        Assert.Equal(["a", "c", "d"], await Actions(new AuditQuery("JPN", "", null, null, 0, 100)));
        Assert.Equal(["a", "d"], await Actions(new AuditQuery("", "peer:JPN", null, null, 0, 100)));
        Assert.Equal(["b", "c"], await Actions(new AuditQuery("", "", start.AddHours(1), start.AddHours(3), 0, 100)));
        Assert.Equal(["c"], await Actions(new AuditQuery("JPN", "", null, null, 1, 1)));
    }

    [Fact]
    public async Task ListAuditAsync_ActionFilter_ExactOrPrefixEndingInADot()
    {
        await _store.AppendAuditAsync(
        [
            TestData.Entry("share.sent"), TestData.Entry("agreement.created"), TestData.Entry("share.withheld"), TestData.Entry("shares.other"),
        ], CancellationToken.None);

        async Task<IEnumerable<string>> Actions(string action) =>
            (await _store.ListAuditAsync(new AuditQuery("", "", null, null, 0, 100) { Action = action }, CancellationToken.None)).Select(r => r.Action);
        Assert.Equal(["share.sent", "share.withheld"], await Actions("share."));
        Assert.Equal(["share.withheld"], await Actions("share.withheld"));
        Assert.Empty(await Actions("share"));
        Assert.Equal(4, (await Actions("")).Count());
    }

    [Fact]
    public async Task Reopen_AfterAppends_ChainContinuesAndVerifies()
    {
        await _store.AppendAuditAsync([TestData.Entry("a"), TestData.Entry("b")], CancellationToken.None);
        await _store.DisposeAsync();
        _store = await OpenAsync();

        var next = await _store.AppendAuditAsync([TestData.Entry("c")], CancellationToken.None);

        Assert.Equal(3ul, next[0].Sequence);
        var verified = await AuditVerifier.VerifyAsync(_store, CancellationToken.None);
        Assert.True(verified.Valid, verified.Reason);
        Assert.Equal(3ul, verified.Records);
    }

    [Fact]
    public async Task WaitForChangeAsync_Commit_Completes()
    {
        var waiting = _store.WaitForChangeAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await _store.AppendAuditAsync([TestData.Entry("a")], CancellationToken.None);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static SharingAgreement Version(SharingAgreement agreement, ulong version)
    {
        agreement.Version = version;
        agreement.Status = AgreementStatus.Draft;
        return agreement;
    }

    [Fact]
    public async Task SaveTaxiiCredential_IssueRevokeReopen_HashKeptListedWithoutSecrets()
    {
        var credential = new TaxiiCredential { Username = "taxii-0123456789abcdef", Nation = "JPN", Label = "SOC", CreatedBy = "alice (admin)" };
        var stored = new StoredTaxiiCredential(credential, [1, 2, 3], [4, 5, 6], 600_000);
        await Write(tx => tx.SaveTaxiiCredential(stored, TestData.Entry("taxii-credential.issued")));
        var revoked = credential.Clone();
        revoked.RevokedBy = "bob (admin)";
        revoked.Revoked = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch);
        // A revocation carries other salt and hash: the stored ones must not change.
        await Write(tx => tx.SaveTaxiiCredential(new StoredTaxiiCredential(revoked, [9], [9], 1), TestData.Entry("taxii-credential.revoked")));
        await _store.DisposeAsync();
        _store = await OpenAsync();

        var found = await _store.GetTaxiiCredentialAsync("taxii-0123456789abcdef", CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(revoked, found.Credential);
        Assert.Equal([1, 2, 3], found.Salt);
        Assert.Equal([4, 5, 6], found.Hash);
        Assert.Equal(600_000, found.Iterations);
        Assert.Equal([revoked], await _store.ListTaxiiCredentialsAsync(CancellationToken.None));
        Assert.Null(await _store.GetTaxiiCredentialAsync("taxii-ffffffffffffffff", CancellationToken.None));
        Assert.Equal(2ul, _store.LastSequence);
    }

    [Fact]
    public async Task HasAgreementWith_AnyVersionOfAnAgreement_TrueForItsGranteeOnly()
    {
        await Write(tx => tx.AppendAgreement(TestData.Agreement("KOR-1", "KOR"), TestData.Entry("agreement.created", "KOR")));

        Assert.True(await Write(tx => tx.HasAgreementWith("KOR")));
        Assert.False(await Write(tx => tx.HasAgreementWith("JPN")));
    }
}
