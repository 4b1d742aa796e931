using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Taxii.Connector;

/// <summary>What a source authenticates with: HTTP Basic, a Bearer token, or nothing.</summary>
internal sealed record TaxiiCredentials(string Username = "", string Password = "", string BearerToken = "")
{
    public const string Basic = "basic";
    public const string Bearer = "bearer";
    public const string None = "none";

    /// <summary>"basic", "bearer" or "none": what ListTaxiiSources shows instead of the secret.</summary>
    public string Kind => BearerToken.Length > 0 ? Bearer : Username.Length > 0 ? Basic : None;

    /// <summary>The Authorization header's value, or null.</summary>
    public string? AuthorizationHeader() => Kind switch
    {
        Bearer => "Bearer " + BearerToken,
        Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password)),
        _ => null,
    };

    // A record's ToString would print the secrets into a log.
    public override string ToString() => Kind;
}

/// <summary>
/// Seals a source's credentials with AES-256-GCM under the store's sealing key (the one that seals cursors), the
/// source's name bound in as associated data, so the database never holds them in clear and a sealed value cannot be
/// moved to another source.
/// </summary>
internal sealed class TaxiiCredentialSealer(IFederationStore store)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string Context = "cyberpledge.federation.taxii-source.v1:";

    public async Task<byte[]> SealAsync(string source, TaxiiCredentials credentials, CancellationToken cancellationToken)
    {
        using var aes = new AesGcm(await store.GetOrCreateSealingKeyAsync(cancellationToken).ConfigureAwait(false), TagBytes);
        var plain = JsonSerializer.SerializeToUtf8Bytes(new[] { credentials.Username, credentials.Password, credentials.BearerToken });
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Associated(source));
        CryptographicOperations.ZeroMemory(plain);
        return sealedBytes;
    }

    /// <exception cref="CryptographicException">Not sealed by this node for <paramref name="source"/>.</exception>
    public async Task<TaxiiCredentials> UnsealAsync(string source, byte[] sealedBytes, CancellationToken cancellationToken)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("the sealed credentials are truncated");
        }

        using var aes = new AesGcm(await store.GetOrCreateSealingKeyAsync(cancellationToken).ConfigureAwait(false), TagBytes);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(^TagBytes), plain, Associated(source));
        var parts = JsonSerializer.Deserialize<string[]>(plain) ?? [];
        CryptographicOperations.ZeroMemory(plain);
        return parts.Length == 3 ? new TaxiiCredentials(parts[0], parts[1], parts[2]) : throw new CryptographicException("the sealed credentials are malformed");
    }

    private static byte[] Associated(string source) => Encoding.UTF8.GetBytes(Context + source);
}
