using CyberPledge.Partners.Storage.Postgres;
using CyberPledge.Partners.Tests.Support;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Partners.Tests.Storage;

/// <summary>The store contract on PostgreSQL: a new database per test on the tests' own server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPartnerStoreContractTests(PostgresServer server) : PartnerStoreContractTests
{
    private string? _connectionString;

    protected override async Task<IPartnerStore> OpenAsync()
    {
        _connectionString ??= await server.CreateDatabaseAsync();
        return PostgresPartnerStore.Open(_connectionString, TimeProvider.System, NullLogger.Instance);
    }
}
