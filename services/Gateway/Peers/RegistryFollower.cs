using System.Security.Cryptography;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Peers;

/// <summary>
/// Follows the Partners registry (WatchPeers, as <c>service:gateway</c>) and puts each snapshot in force, so a peer
/// added, changed or removed there is admitted or cut off here within about a second. If the stream breaks it
/// reconnects with backoff and keeps the last registry meanwhile. The gateway serves once the first snapshot is in.
/// </summary>
internal sealed partial class RegistryFollower(
    IOptions<GatewayOptions> options,
    IOptions<CallerIdentityOptions> identity,
    PeerTrust trust,
    ILogger<RegistryFollower> logger) : BackgroundService, IStartupWork
{
    public const string ServiceName = "gateway";

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Start-up work: waits for the first registry snapshot.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var audience = settings.ForwardAudience.Length > 0 ? settings.ForwardAudience : identity.Value.Audience;
        using var tokens = ServiceTokens.FromKeyFile(settings.InternalIssuer, settings.InternalKeyFile, ServiceName, audience);
        using var channel = GrpcChannel.ForAddress(settings.Backends[GatewayOptions.PartnersBackend].Address);
        var client = new Partners.PartnersClient(tokens.Apply(channel.CreateCallInvoker()));
        await StreamFollower.FollowAsync(
            stop => client.WatchPeers(new WatchPeersRequest(), cancellationToken: stop),
            (snapshot, _) =>
            {
                Apply(snapshot);
                return Task.CompletedTask;
            },
            (failure, retry) => LogWatchFailed(logger, failure.StatusCode, failure.Status.Detail, retry.TotalMilliseconds),
            stoppingToken).ConfigureAwait(false);
    }

    private void Apply(PeerRegistrySnapshot snapshot)
    {
        // Replicas of Partners may answer in turn: an older registry never replaces a newer one.
        if (trust.IsLoaded && snapshot.Revision < trust.Revision)
        {
            return;
        }

        var peers = new List<TrustedPeerCertificate>(snapshot.Peers.Count);
        foreach (var peer in snapshot.Peers)
        {
            if (ToTrusted(peer) is { } trusted)
            {
                peers.Add(trusted);
            }
        }

        try
        {
            trust.Replace(peers, snapshot.Revision);
        }
        catch (ArgumentException e)
        {
            // Partners validates what it stores; a registry this gateway cannot read keeps the last one in force.
            LogUnusableRegistry(logger, snapshot.Revision, e.Message);
            return;
        }

        LogRegistry(logger, snapshot.Revision, peers.Count);
        _loaded.TrySetResult();
    }

    private TrustedPeerCertificate? ToTrusted(Peer peer)
    {
        try
        {
            var ca = peer.CaCertificatePem.Length > 0 ? CertificateFiles.ParseCertificatePem(peer.CaCertificatePem) : null;
            var pinned = peer.PinnedCertificateSha256.Length > 0 ? CertificateFiles.NormalizeFingerprint(peer.PinnedCertificateSha256) : null;
            return ca is null && pinned is null ? null : new TrustedPeerCertificate(peer.Nation, ca, pinned);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            // Partners validates what it stores; a peer whose entry cannot be read here is simply not admitted.
            LogUnreadablePeer(logger, peer.Nation, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Peer registry revision {Revision} in force: {Count} peers with certificates")]
    private static partial void LogRegistry(ILogger logger, ulong revision, int count);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Following the peer registry failed ({Status}: {Detail}); retrying in {DelayMs} ms with the last registry in force")]
    private static partial void LogWatchFailed(ILogger logger, StatusCode status, string detail, double delayMs);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Peer registry revision {Revision} cannot be put in force: {Reason}; the last registry stays")]
    private static partial void LogUnusableRegistry(ILogger logger, ulong revision, string reason);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "The registry entry of {Nation} has no usable certificate: {Reason}")]
    private static partial void LogUnreadablePeer(ILogger logger, string nation, string reason);
}
