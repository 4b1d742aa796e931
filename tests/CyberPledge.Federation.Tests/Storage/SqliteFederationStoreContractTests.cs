using CyberPledge.Federation.Storage;
using CyberPledge.Testing;

namespace CyberPledge.Federation.Tests.Storage;

/// <summary>The store contract on SQLite, in a temporary directory.</summary>
public sealed class SqliteFederationStoreContractTests : FederationStoreContractTests
{
    private readonly TemporaryDirectory _directory = new();

    internal override Task<IFederationStore> CreateAsync() => Task.FromResult<IFederationStore>(new SqliteFederationStore(_directory.Path));

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OpenAsync_DirectoryInUse_RefusedNamingIt()
    {
        await using var other = new SqliteFederationStore(_directory.Path);

        var refusal = await Assert.ThrowsAsync<IOException>(() => other.OpenAsync(CancellationToken.None));

        Assert.Contains(_directory.Path, refusal.Message, StringComparison.Ordinal);
    }
}
