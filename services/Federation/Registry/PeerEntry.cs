using System.Security.Cryptography.X509Certificates;
using CyberPledge.V1;

namespace CyberPledge.Federation.Registry;

/// <summary>One nation of the registry as Federation uses it (DESIGN.md Decision 3).</summary>
/// <param name="Nation">ISO alpha-3.</param>
/// <param name="Tier">Ally or partner.</param>
/// <param name="Endpoint">Its gateway (empty: its data only arrives relayed; no link to it).</param>
/// <param name="Ca">Its CA certificate, which its gateway's certificate must chain to.</param>
/// <param name="PinnedSha256">A pinned certificate fingerprint, instead of or beside the CA.</param>
/// <param name="SigningKeys">Its node signing keys (SubjectPublicKeyInfo) by key id (lower-case hex SHA-256 of the SPKI).</param>
/// <param name="Version">The registry entry's version.</param>
internal sealed record PeerEntry(
    string Nation,
    Tier Tier,
    string Endpoint,
    X509Certificate2? Ca,
    string? PinnedSha256,
    IReadOnlyDictionary<string, byte[]> SigningKeys,
    ulong Version);
