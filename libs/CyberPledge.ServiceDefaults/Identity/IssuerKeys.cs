using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>Loads an issuer's ES256 public key from its settings, with errors that name the setting.</summary>
internal static class IssuerKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>
    /// Providers are not cached: a cached provider outlives the key it wraps, and a host that disposes its keys and a
    /// later one that loads the same public key would share a disposed provider. Verifications are cached by token
    /// digest anyway, so building a provider per verification costs little.
    /// </summary>
    public static CryptoProviderFactory Providers { get; } = new() { CacheSignatureProviders = false };

    /// <summary>The issuer's key, or null with an error naming the setting at <paramref name="path"/>.</summary>
    public static ECDsa? TryLoad(IssuerKeyOptions issuer, string path, out string? error)
    {
        var hasPem = !string.IsNullOrWhiteSpace(issuer.PublicKeyPem);
        var hasFile = !string.IsNullOrWhiteSpace(issuer.PublicKeyFile);
        if (hasPem == hasFile)
        {
            error = hasPem
                ? $"{path}: set PublicKeyPem or PublicKeyFile, not both"
                : $"{path}:PublicKeyPem: required (or PublicKeyFile): the issuer's P-256 public key";
            return null;
        }

        var setting = path + (hasPem ? ":PublicKeyPem" : ":PublicKeyFile");
        string pem;
        if (hasPem)
        {
            pem = issuer.PublicKeyPem!;
        }
        else
        {
            try
            {
                pem = File.ReadAllText(issuer.PublicKeyFile!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error = $"{setting}: cannot read '{issuer.PublicKeyFile}': {e.Message}";
                return null;
            }
        }

        var key = TryParse(pem);
        error = key is null ? $"{setting}: not an EC P-256 public key (a SubjectPublicKeyInfo PEM, -----BEGIN PUBLIC KEY-----)" : null;
        return key;
    }

    /// <summary>The key of the issuer, wrapped for token validation.</summary>
    public static ECDsaSecurityKey ToSecurityKey(ECDsa key) => new(key) { CryptoProviderFactory = Providers };

    private static ECDsa? TryParse(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan()[fields.Label].SequenceEqual("PUBLIC KEY"))
        {
            return null;
        }
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out _);
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value == P256Oid)
            {
                return key;
            }
        }
        catch (CryptographicException)
        {
            // Not an EC key, or not a well-formed one: reported as "not an EC P-256 public key".
        }
        key.Dispose();
        return null;
    }
}
