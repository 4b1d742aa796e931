using CyberPledge.Partners.Storage;
using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Partners.Tests.Audit;

/// <summary>The audit log over gRPC: every change recorded with who and what, queryable, and tampering detected.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PartnersHost.StartAsync();
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() });
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        await _host.Admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1, Reason = "signed MoU" });
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("AUS", Tier.Ally) });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListAudit_ByGrantee_EveryChangeWithActorBeforeAndAfter()
    {
        var records = (await _host.Analyst.ListAuditAsync(new ListAuditRequest { Grantee = "JPN" })).Records;

        Assert.Equal(["peer.added", "agreement.created", "agreement.active: signed MoU"], records.Select(r => r.Action));
        Assert.All(records, r => Assert.StartsWith("test-admin (admin)", r.Actor, StringComparison.Ordinal));
        var activation = records[2];
        Assert.Equal("agreement:JPN-2026-01", activation.Subject);
        Assert.Contains("\"AGREEMENT_STATUS_DRAFT\"", activation.Before, StringComparison.Ordinal);
        Assert.Contains("\"AGREEMENT_STATUS_ACTIVE\"", activation.After, StringComparison.Ordinal);
        Assert.Equal(records[1].Hash, activation.PreviousHash);
    }

    [Fact]
    public async Task ListAudit_Paged_NextAfterSequenceWalksAllRecords()
    {
        var first = await _host.Analyst.ListAuditAsync(new ListAuditRequest { Limit = 3 });
        var rest = await _host.Analyst.ListAuditAsync(new ListAuditRequest { Limit = 3, AfterSequence = first.NextAfterSequence });
        var inWindow = await _host.Analyst.ListAuditAsync(new ListAuditRequest { To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(-1)) });

        Assert.Equal([1ul, 2ul, 3ul], first.Records.Select(r => r.Sequence));
        Assert.Equal(3ul, first.NextAfterSequence);
        Assert.Equal([4ul], rest.Records.Select(r => r.Sequence));
        Assert.Equal(0ul, rest.NextAfterSequence);
        Assert.Empty(inWindow.Records);
    }

    [Fact]
    public async Task VerifyAudit_RecordTamperedInTheDatabase_ReportsThatRecord()
    {
        Assert.Equal((true, 4ul), Valid(await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest())));

        await using (var connection = new SqliteConnection(SqliteSchema.ConnectionString(_host.DataDirectory)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET actor = 'mallory (admin)' WHERE seq = 2";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var verified = await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest());

        Assert.False(verified.Valid);
        Assert.Equal(2ul, verified.FirstBrokenSequence);
        Assert.Contains("hash", verified.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_RecordDeletedInTheDatabase_ReportsTheGap()
    {
        await using (var connection = new SqliteConnection(SqliteSchema.ConnectionString(_host.DataDirectory)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM audit WHERE seq = 3";
            await command.ExecuteNonQueryAsync();
        }

        var verified = await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest());

        Assert.Equal((false, 3ul), (verified.Valid, verified.FirstBrokenSequence));
    }

    private static (bool, ulong) Valid(VerifyAuditResponse response) => (response.Valid, response.Records);
}
