using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.Partners.Grpc;
using CyberPledge.ServiceDefaults;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Partners.Peers;

/// <summary>Checks a peer as an administrator gave it and returns it normalized (alpha-3 nation, lower-case fingerprint).</summary>
internal static class PeerValidator
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const int MaxNameLength = 200;

    public static Peer Normalize(Peer? given)
    {
        if (given is null)
        {
            throw Refusals.InvalidArgument("peer", "required");
        }

        var peer = given.Clone();
        peer.Nation = Nation("peer.nation", peer.Nation);
        if (string.IsNullOrWhiteSpace(peer.Name) || peer.Name.Length > MaxNameLength)
        {
            throw Refusals.InvalidArgument("peer.name", $"required, at most {MaxNameLength} characters");
        }

        if (peer.Tier is not (Tier.Ally or Tier.Partner))
        {
            throw Refusals.InvalidArgument("peer.tier", "must be TIER_ALLY or TIER_PARTNER");
        }

        if (peer.CaCertificatePem.Length > 0)
        {
            CheckCaCertificate(peer.CaCertificatePem);
        }

        if (peer.PinnedCertificateSha256.Length > 0)
        {
            if (peer.PinnedCertificateSha256.Length != 64 || !peer.PinnedCertificateSha256.All(char.IsAsciiHexDigit))
            {
                throw Refusals.InvalidArgument("peer.pinned_certificate_sha256", "must be 64 hexadecimal digits (a SHA-256)");
            }

            peer.PinnedCertificateSha256 = peer.PinnedCertificateSha256.ToLowerInvariant();
        }

        for (var i = 0; i < peer.SigningKeys.Count; i++)
        {
            CheckSigningKey($"peer.signing_keys[{i}]", peer.SigningKeys[i]);
        }

        if (peer.Endpoint.Length > 0 && !(Uri.TryCreate(peer.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http"))
        {
            throw Refusals.InvalidArgument("peer.endpoint", "must be an absolute https URL (or empty)");
        }

        return peer;
    }

    /// <summary>An ISO 3166-1 code as alpha-3 (alpha-2 accepted: JP becomes JPN), or INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static string Nation(string field, string code) => NationCodes.TryNormalize(code, out var alpha3)
        ? alpha3
        : throw Refusals.InvalidArgument(field, $"\"{code}\" is not an ISO 3166-1 country code in upper case (e.g. JPN or JP)");

    private static void CheckCaCertificate(string pem)
    {
        const string Field = "peer.ca_certificate_pem";
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw Refusals.InvalidArgument(Field, "not a PEM certificate: " + e.Message);
        }

        using (certificate)
        {
            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is not { CertificateAuthority: true })
            {
                throw Refusals.InvalidArgument(Field, "not a CA certificate (its basic constraints do not say CA)");
            }
        }
    }

    private static void CheckSigningKey(string field, ByteString key)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(key.Span, out var read);
            if (read == key.Length && ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value == P256Oid)
            {
                return;
            }
        }
        catch (CryptographicException)
        {
            // Reported below, like a key on another curve.
        }

        throw Refusals.InvalidArgument(field, "not an EC P-256 public key (SubjectPublicKeyInfo, DER)");
    }
}
