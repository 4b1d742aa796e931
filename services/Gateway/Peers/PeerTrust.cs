using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;

namespace CyberPledge.Gateway.Peers;

/// <summary>
/// The peers this node admits, as the Partners registry last said: a validator built once per registry snapshot,
/// replaced whole when the registry changes. Until the first snapshot arrives no certificate is trusted.
/// </summary>
internal sealed class PeerTrust(TimeProvider time)
{
    private volatile Snapshot _current = new(new PeerCertificateValidator([]), Revision: 0, Loaded: false);

    /// <summary>Raised after the registry changed, so open calls of peers no longer trusted can be ended.</summary>
    public event Action? Changed;

    /// <summary>Whether a registry snapshot has been loaded.</summary>
    public bool IsLoaded => _current.Loaded;

    /// <summary>The revision of the registry in force.</summary>
    public ulong Revision => _current.Revision;

    /// <summary>Whether <paramref name="certificate"/> belongs to a registered peer now, and which.</summary>
    public PeerCertificateResult Validate(X509Certificate2 certificate, X509Certificate2Collection? intermediates) =>
        _current.Validator.Validate(certificate, intermediates, time.GetUtcNow());

    /// <summary>Puts a new registry in force.</summary>
    public void Replace(IEnumerable<TrustedPeerCertificate> peers, ulong revision)
    {
        _current = new Snapshot(new PeerCertificateValidator(peers), revision, Loaded: true);
        Changed?.Invoke();
    }

    private sealed record Snapshot(PeerCertificateValidator Validator, ulong Revision, bool Loaded);
}
