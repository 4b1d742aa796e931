using CyberPledge.Indicators.Storage;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>The store contract on SQLite, in a temporary directory.</summary>
public sealed class SqliteIndicatorStoreContractTests : IndicatorStoreContractTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<IIndicatorStore> OpenAsync() =>
        Task.FromResult<IIndicatorStore>(SqliteIndicatorStore.Open(_directory.Path, TimeProvider.System, NullLogger.Instance));

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
