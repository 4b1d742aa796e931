using CyberPledge.Indicators.Storage.Postgres;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>The store contract on PostgreSQL: a new database per test on the tests' own server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIndicatorStoreContractTests(PostgresServer server) : IndicatorStoreContractTests
{
    private string? _connectionString;

    protected override async Task<IIndicatorStore> OpenAsync()
    {
        _connectionString ??= await server.CreateDatabaseAsync();
        return PostgresIndicatorStore.Open(_connectionString, TimeProvider.System, NullLogger.Instance);
    }
}
