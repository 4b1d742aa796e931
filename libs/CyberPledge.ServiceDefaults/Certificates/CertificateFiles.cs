using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>
/// Certificates and their keys on disk as PEM (the certificate, and the key as PKCS#8 readable by its owner only),
/// and SHA-256 fingerprints in the registry's format (<c>Peer.pinned_certificate_sha256</c>: lower-case hex of the DER).
/// </summary>
public static class CertificateFiles
{
    private const int Sha256HexLength = 64;

    /// <summary>
    /// Writes <paramref name="certificate"/> to <paramref name="certificatePemPath"/> and its private key (PKCS#8 PEM, mode 0600)
    /// to <paramref name="keyPemPath"/>, replacing files already there. A directory made for the key is made 0700.
    /// </summary>
    /// <exception cref="ArgumentException">The certificate has no exportable ECDSA or RSA private key.</exception>
    public static void Write(X509Certificate2 certificate, string certificatePemPath, string keyPemPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePemPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPemPath);
        var keyPem = PrivateKeyPem(certificate);
        OwnerOnlyFiles.WritePrivate(keyPemPath, keyPem);
        OwnerOnlyFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(certificatePemPath))!);
        File.WriteAllText(certificatePemPath, certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>A certificate with its private key from PEM files, usable by SslStream as a server or a client certificate.</summary>
    /// <exception cref="CryptographicException">The files do not hold a certificate and its matching key.</exception>
    public static X509Certificate2 LoadWithKey(string certificatePemPath, string keyPemPath)
    {
        using var fromPem = X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);
        return NodeCertificates.UsableBySslStream(fromPem);
    }

    /// <summary>The first certificate of a PEM file (a CA certificate, or a peer's node certificate), without a key.</summary>
    /// <exception cref="CryptographicException">The file holds no certificate.</exception>
    public static X509Certificate2 LoadCertificate(string pemPath) => FirstCertificate(File.ReadAllText(pemPath), pemPath);

    /// <summary>The first certificate of a PEM text (the registry's <c>ca_certificate_pem</c>), without a key.</summary>
    /// <exception cref="CryptographicException">The text holds no certificate.</exception>
    public static X509Certificate2 ParseCertificatePem(string pem) => FirstCertificate(pem, "the PEM text");

    /// <summary>The certificate's SHA-256 fingerprint: lower-case hex of the SHA-256 of its DER encoding.</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>
    /// A fingerprint as <see cref="Sha256Fingerprint"/> writes it, from hex in either case with or without colons or spaces
    /// (<c>AB:CD:...</c> as openssl prints it); false when it is not 32 bytes of hex.
    /// </summary>
    public static bool TryNormalizeFingerprint(string? fingerprint, out string normalized)
    {
        normalized = "";
        if (fingerprint is null)
        {
            return false;
        }
        var hex = new char[Sha256HexLength];
        var count = 0;
        foreach (var c in fingerprint)
        {
            if (c is ':' or ' ')
            {
                continue;
            }
            if (!char.IsAsciiHexDigit(c) || count == Sha256HexLength)
            {
                return false;
            }
            hex[count++] = char.ToLowerInvariant(c);
        }
        if (count != Sha256HexLength)
        {
            return false;
        }
        normalized = new string(hex);
        return true;
    }

    /// <summary>A fingerprint as <see cref="Sha256Fingerprint"/> writes it; see <see cref="TryNormalizeFingerprint"/>.</summary>
    /// <exception cref="ArgumentException">Not 32 bytes of hex.</exception>
    public static string NormalizeFingerprint(string fingerprint) => TryNormalizeFingerprint(fingerprint, out var normalized)
        ? normalized
        : throw new ArgumentException($"'{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed).", nameof(fingerprint));

    private static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using (var ecdsa = certificate.GetECDsaPrivateKey())
        {
            if (ecdsa is not null)
            {
                return ecdsa.ExportPkcs8PrivateKeyPem();
            }
        }
        using var rsa = certificate.GetRSAPrivateKey();
        return rsa?.ExportPkcs8PrivateKeyPem()
            ?? throw new ArgumentException("The certificate has no ECDSA or RSA private key to write.", nameof(certificate));
    }

    private static X509Certificate2 FirstCertificate(string pem, string source)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"{source}: no PEM certificate (-----BEGIN CERTIFICATE-----) could be read: {e.Message}", e);
        }
    }
}
