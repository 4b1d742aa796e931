using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>
/// Decides whether a certificate presented in a TLS handshake belongs to a registered peer nation (SECURITY.md rule 11).
/// Build one per registry snapshot; <see cref="Validate"/> is cheap to call per connection or request, since results are
/// cached per certificate for as long as the certificates involved stay valid. Thread-safe.
/// </summary>
/// <remarks>
/// Revocation is not checked: development CAs publish no CRL or OCSP responder, and a peer is cut off by removing it (or
/// its pinned fingerprint) from the registry, which makes a new validator.
/// </remarks>
public sealed partial class PeerCertificateValidator
{
    /// <summary>How many certificates' results are kept unless the constructor is told otherwise.</summary>
    public const int DefaultCacheCapacity = 1024;

    private readonly TrustedPeerCertificate[] _withCa;
    // Fingerprint to nation; null when several entries pin the same certificate (then it is trusted for none).
    private readonly Dictionary<string, string?> _pinned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CacheKey, CachedResult> _cache = new();
    private readonly int _cacheCapacity;

    /// <summary>A validator for the peers of one registry snapshot.</summary>
    /// <exception cref="ArgumentException">A nation is not alpha-3 in upper case, or a pinned fingerprint is not 64 hex digits.</exception>
    public PeerCertificateValidator(IEnumerable<TrustedPeerCertificate> peers, int cacheCapacity = DefaultCacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cacheCapacity);
        _cacheCapacity = cacheCapacity;
        var withCa = new List<TrustedPeerCertificate>();
        foreach (var peer in peers)
        {
            if (peer.Nation is null || !Roles.IsNation(peer.Nation))
            {
                throw new ArgumentException($"'{peer.Nation}' is not an ISO 3166-1 alpha-3 code in upper case.", nameof(peers));
            }
            if (peer.Ca is not null)
            {
                withCa.Add(peer);
            }
            if (!string.IsNullOrEmpty(peer.PinnedSha256))
            {
                var fingerprint = CertificateFiles.NormalizeFingerprint(peer.PinnedSha256);
                _pinned[fingerprint] = _pinned.TryGetValue(fingerprint, out var other) && other != peer.Nation ? null : peer.Nation;
            }
        }
        _withCa = [.. withCa];
    }

    /// <summary>
    /// Whether <paramref name="leaf"/> belongs to a registered peer: valid at <paramref name="now"/>, for
    /// <paramref name="expected"/>, and either chaining to exactly one peer's CA (through <paramref name="intermediates"/>
    /// if needed) or pinned by a peer; its O must be that peer's nation and its CN a node id.
    /// </summary>
    /// <param name="leaf">The certificate presented.</param>
    /// <param name="intermediates">Other certificates the handshake gave (<c>X509Chain.ChainPolicy.ExtraStore</c> in a validation callback), or null.</param>
    /// <param name="now">The time to judge validity at (a <see cref="TimeProvider"/>'s, so tests control it).</param>
    /// <param name="expected">What the certificate is presented for.</param>
    public PeerCertificateResult Validate(X509Certificate2 leaf, X509Certificate2Collection? intermediates, DateTimeOffset now,
        CertificatePurpose expected = CertificatePurpose.ClientAuthentication)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        // Time first and uncached: an expired certificate is refused even when pinned or cached as trusted before.
        if (CertificateChecks.TimeFailure(leaf, now) is { } untimely)
        {
            return PeerCertificateResult.Refused(untimely);
        }

        var fingerprint = CertificateFiles.Sha256Fingerprint(leaf);
        var key = new CacheKey(fingerprint, IntermediatesKey(intermediates), expected);
        if (_cache.TryGetValue(key, out var cached) && cached.Window.Contains(now))
        {
            return cached.Result;
        }

        var (result, window) = Evaluate(leaf, fingerprint, intermediates, now, expected);
        if (window.Contains(now))
        {
            if (_cache.Count >= _cacheCapacity)
            {
                // Crude but bounded: a flood of distinct certificates costs chain builds, never memory.
                _cache.Clear();
            }
            _cache[key] = new CachedResult(result, window);
        }
        return result;
    }

    private (PeerCertificateResult Result, ValidityWindow Window) Evaluate(X509Certificate2 leaf, string fingerprint,
        X509Certificate2Collection? intermediates, DateTimeOffset now, CertificatePurpose expected)
    {
        // Every time check below passes alike while now stays within all the certificates' validity.
        var window = ValidityWindow.Of(leaf).Intersect(intermediates);
        if (CertificateChecks.LeafFailure(leaf, expected) is { } unfit)
        {
            return (PeerCertificateResult.Refused(unfit), window);
        }

        string nation;
        string vouchedBy;
        if (_pinned.TryGetValue(fingerprint, out var pinnedNation))
        {
            if (pinnedNation is null)
            {
                return (PeerCertificateResult.Refused("its fingerprint is pinned by several registered peers"), window);
            }
            nation = pinnedNation;
            vouchedBy = "pinned fingerprint matched it";
        }
        else
        {
            var candidates = _withCa.Where(peer => CertificateChecks.MayHaveIssued(peer.Ca!, leaf, intermediates)).ToList();
            foreach (var candidate in candidates)
            {
                window = window.Intersect(candidate.Ca!);
            }
            var chained = CertificateChecks.ChainingPeer(candidates, leaf, intermediates, now, expected, out var failure);
            if (chained is null)
            {
                return (PeerCertificateResult.Refused(failure!), window);
            }
            nation = chained.Nation;
            vouchedBy = "CA validated it";
        }

        var organization = CertificateChecks.SingleName(leaf, CertificateChecks.OrganizationOid);
        if (organization != nation)
        {
            return (PeerCertificateResult.Refused(
                $"O={CertificateChecks.Printable(organization)} but the registry entry whose {vouchedBy} is {nation}"), window);
        }
        var commonName = CertificateChecks.SingleName(leaf, CertificateChecks.CommonNameOid);
        if (commonName is null || !Roles.IsNodeId(commonName))
        {
            return (PeerCertificateResult.Refused($"CN is not a node id: CN={CertificateChecks.Printable(commonName)}"), window);
        }
        return (PeerCertificateResult.Trusted(nation, commonName), window);
    }

    private static string IntermediatesKey(X509Certificate2Collection? intermediates)
    {
        if (intermediates is null || intermediates.Count == 0)
        {
            return "";
        }
        return string.Join(',', intermediates.Select(c => c.GetCertHashString(HashAlgorithmName.SHA256)));
    }

    private readonly record struct CacheKey(string Fingerprint, string Intermediates, CertificatePurpose Purpose);

    private sealed record CachedResult(PeerCertificateResult Result, ValidityWindow Window);
}
