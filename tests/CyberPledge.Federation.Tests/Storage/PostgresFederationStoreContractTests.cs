using CyberPledge.Federation.Storage;
using CyberPledge.Federation.Storage.Postgres;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Federation.Tests.Storage;

/// <summary>The store contract on PostgreSQL: a new database per test on the tests' own server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFederationStoreContractTests(PostgresServer server) : FederationStoreContractTests
{
    private string? _connectionString;

    internal override async Task<IFederationStore> CreateAsync()
    {
        _connectionString ??= await server.CreateDatabaseAsync();
        return new PostgresFederationStore(_connectionString);
    }
}
