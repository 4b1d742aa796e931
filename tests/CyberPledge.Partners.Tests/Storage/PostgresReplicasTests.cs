using CyberPledge.Partners.Audit;
using CyberPledge.Partners.Storage.Postgres;
using CyberPledge.Partners.Tests.Support;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Partners.Tests.Storage;

/// <summary>Two replicas on one PostgreSQL database: each hears the other's commits, and their concurrent appends make one chain.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicasTests(PostgresServer server)
{
    [Fact]
    public async Task AppendAuditAsync_TwoReplicas_OtherReplicaHearsItAndConcurrentAppendsMakeOneChain()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var first = PostgresPartnerStore.Open(connectionString, TimeProvider.System, NullLogger.Instance);
        await using var second = PostgresPartnerStore.Open(connectionString, TimeProvider.System, NullLogger.Instance);
        var heard = second.WaitForChangeAsync(0, CancellationToken.None);
        await first.AppendAuditAsync([TestData.Entry("peer.added")], CancellationToken.None);
        await heard.WaitAsync(TimeSpan.FromSeconds(10));

        var appends = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second)
            .AppendAuditAsync([TestData.Entry("share.allowed"), TestData.Entry("share.withheld")], CancellationToken.None));
        var records = (await Task.WhenAll(appends)).SelectMany(batch => batch).ToList();

        Assert.Equal(Enumerable.Range(2, 40).Select(i => (ulong)i), records.Select(r => r.Sequence).Order());
        var verified = await AuditVerifier.VerifyAsync(first, CancellationToken.None);
        Assert.True(verified.Valid, verified.Reason);
        Assert.Equal(41ul, verified.Records);
    }
}
