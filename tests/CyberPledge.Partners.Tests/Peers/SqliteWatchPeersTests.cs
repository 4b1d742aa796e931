using CyberPledge.Partners.Tests.Support;

namespace CyberPledge.Partners.Tests.Peers;

/// <summary>WatchPeers on the embedded SQLite store.</summary>
public sealed class SqliteWatchPeersTests : WatchPeersTests
{
    private protected override Task<PartnersHost> StartHostAsync() => PartnersHost.StartAsync();
}
