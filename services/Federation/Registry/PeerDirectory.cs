using System.Collections.Frozen;
using System.Security.Cryptography;
using CyberPledge.Federation.Node;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Registry;

/// <summary>
/// The registry of nations this node accepts data from, followed live from Partners (WatchPeers): peers' gateways
/// and CAs for the links, and every origin's pinned signing keys for verifying what arrives (Decision 3). An older
/// revision never replaces a newer one. Federation serves once the first snapshot is in.
/// </summary>
internal sealed partial class PeerDirectory(NodeServices services, ILogger<PeerDirectory> logger) : BackgroundService, IStartupWork
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Snapshot _current = new(FrozenDictionary<string, PeerEntry>.Empty, 0);

    /// <summary>Raised after a new registry is in force.</summary>
    public event Action? Changed;

    /// <summary>The registry in force, by nation.</summary>
    public IReadOnlyDictionary<string, PeerEntry> Peers => _current.Peers;

    public ulong Revision => _current.Revision;

    public Task RunAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>The pinned signing key of <paramref name="nation"/> with <paramref name="keyId"/>, if the registry holds it.</summary>
    public byte[]? SigningKey(string nation, ReadOnlySpan<byte> keyId) =>
        _current.Peers.TryGetValue(nation, out var peer) && peer.SigningKeys.TryGetValue(Convert.ToHexStringLower(keyId), out var key) ? key : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StreamFollower.FollowAsync(
            stop => services.Partners.WatchPeers(new WatchPeersRequest(), cancellationToken: stop),
            (snapshot, _) =>
            {
                Apply(snapshot);
                return Task.CompletedTask;
            },
            (failure, retry) => LogWatchFailed(logger, failure.StatusCode, failure.Status.Detail, retry.TotalMilliseconds),
            stoppingToken);

    private void Apply(PeerRegistrySnapshot snapshot)
    {
        if (_loaded.Task.IsCompleted && snapshot.Revision < _current.Revision)
        {
            return;
        }

        var peers = new Dictionary<string, PeerEntry>(StringComparer.Ordinal);
        foreach (var peer in snapshot.Peers)
        {
            peers[peer.Nation] = ToEntry(peer);
        }

        _current = new Snapshot(peers.ToFrozenDictionary(StringComparer.Ordinal), snapshot.Revision);
        _loaded.TrySetResult();
        Changed?.Invoke();
    }

    private PeerEntry ToEntry(Peer peer)
    {
        System.Security.Cryptography.X509Certificates.X509Certificate2? ca = null;
        try
        {
            ca = peer.CaCertificatePem.Length > 0 ? CertificateFiles.ParseCertificatePem(peer.CaCertificatePem) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            LogUnreadableCa(logger, peer.Nation, e.Message);
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in peer.SigningKeys)
        {
            keys[Convert.ToHexStringLower(SHA256.HashData(key.Span))] = key.ToByteArray();
        }

        var pinned = peer.PinnedCertificateSha256.Length > 0 && CertificateFiles.TryNormalizeFingerprint(peer.PinnedCertificateSha256, out var normalized) ? normalized : null;
        return new PeerEntry(peer.Nation, peer.Tier, peer.Endpoint, ca, pinned, keys, peer.Version);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Following the peer registry failed ({Status}: {Detail}); retrying in {DelayMs} ms with the last registry in force")]
    private static partial void LogWatchFailed(ILogger logger, StatusCode status, string detail, double delayMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The registry entry of {Nation} has an unreadable CA certificate: {Reason}")]
    private static partial void LogUnreadableCa(ILogger logger, string nation, string reason);

    private sealed record Snapshot(FrozenDictionary<string, PeerEntry> Peers, ulong Revision);
}
