using CyberPledge.Partners.Storage;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Partners.Tests.Storage;

/// <summary>The store contract on SQLite, in a temporary directory.</summary>
public sealed class SqlitePartnerStoreContractTests : PartnerStoreContractTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<IPartnerStore> OpenAsync() =>
        Task.FromResult<IPartnerStore>(SqlitePartnerStore.Open(_directory.Path, TimeProvider.System, NullLogger.Instance));

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
