using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>
/// How the registry lets a peer nation's node certificates in: by its CA (<c>Peer.ca_certificate_pem</c>), by a pinned
/// node certificate (<c>Peer.pinned_certificate_sha256</c>), or both.
/// </summary>
/// <param name="Nation">The peer's nation, ISO 3166-1 alpha-3 in upper case; a trusted certificate's nation is this, never its own O.</param>
/// <param name="Ca">The nation's CA certificate, or null. The caller owns it (and disposes it after the validators using it).</param>
/// <param name="PinnedSha256">A node certificate's SHA-256 fingerprint (hex, either case, colons allowed), or null or empty.</param>
public sealed record TrustedPeerCertificate(string Nation, X509Certificate2? Ca, string? PinnedSha256);
