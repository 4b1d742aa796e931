using System.Security.Cryptography;
using System.Text;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// Seals cursors with AES-256-GCM under the store's key, the grantee nation as associated data (SECURITY.md rule 5):
/// opaque to the grantee, unforgeable, and useless to another grantee. The agreement is not bound in, so a cursor
/// stays valid across the agreement's versions and resume stays exact.
/// </summary>
internal sealed class CursorSealer(IFederationStore store)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string Context = "cyberpledge.federation.cursor.v1:";

    private readonly Lock _lock = new();
    private Task<byte[]>? _key;

    public async Task<byte[]> SealAsync(FeedCursor cursor, string grantee, CancellationToken cancellationToken)
    {
        // AesGcm is not documented as thread-safe, and streams seal concurrently: one instance per call.
        using var aes = new AesGcm(await KeyAsync(cancellationToken).ConfigureAwait(false), TagBytes);
        var plain = cursor.Encode();
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Associated(grantee));
        return sealedBytes;
    }

    /// <summary>The cursor inside <paramref name="sealedBytes"/>, if this node sealed it for <paramref name="grantee"/>.</summary>
    public async Task<FeedCursor?> UnsealAsync(ReadOnlyMemory<byte> sealedBytes, string grantee, CancellationToken cancellationToken)
    {
        if (sealedBytes.Length <= NonceBytes + TagBytes)
        {
            return null;
        }

        using var aes = new AesGcm(await KeyAsync(cancellationToken).ConfigureAwait(false), TagBytes);
        var span = sealedBytes.Span;
        var plain = new byte[span.Length - NonceBytes - TagBytes];
        try
        {
            aes.Decrypt(span[..NonceBytes], span[NonceBytes..^TagBytes], span[^TagBytes..], plain, Associated(grantee));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return FeedCursor.TryDecode(plain, out var cursor) ? cursor : null;
    }

    private static byte[] Associated(string grantee) => Encoding.UTF8.GetBytes(Context + grantee);

    private Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // A failed load (store not open yet, caller gone) is not kept: the next subscriber tries again.
            if (_key is null || _key.IsFaulted || _key.IsCanceled)
            {
                _key = store.GetOrCreateSealingKeyAsync(cancellationToken);
            }

            return _key;
        }
    }
}
