using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Taxii;

/// <summary>
/// Where an object stands in a collection, and where a page ended: the object's date_added (UTC ticks), the feed
/// sequence of its version (0 for the shared objects) and its index in its group. A collection is ordered by the three
/// in turn: date_added first, so that an embargoed version, dated from its release, takes its place by that date.
/// </summary>
internal readonly record struct TaxiiPosition(long DateTicks, ulong Sequence, int Index) : IComparable<TaxiiPosition>
{
    /// <summary>Before everything: the first page starts after it.</summary>
    public static readonly TaxiiPosition Start = new(long.MinValue, 0, -1);

    public bool IsAfter(TaxiiPosition other) => CompareTo(other) > 0;

    public int CompareTo(TaxiiPosition other) =>
        DateTicks != other.DateTicks ? DateTicks.CompareTo(other.DateTicks)
        : Sequence != other.Sequence ? Sequence.CompareTo(other.Sequence)
        : Index.CompareTo(other.Index);
}

/// <summary>
/// What a <c>next</c> token carries: the position the page ended at, and the feed sequence the next page's scan starts
/// from (0: the beginning, shared objects included).
/// </summary>
internal readonly record struct TaxiiResume(TaxiiPosition After, ulong ScanFrom)
{
    public static readonly TaxiiResume Start = new(TaxiiPosition.Start, 0);
}

/// <summary>
/// Sealed <c>next</c> tokens and collection ids, under keys derived (HKDF) from the Federation store's sealing key, as
/// the feed's cursors are sealed (AES-256-GCM, CursorSealer). A token carries where to resume, the digest of the request's
/// filters and the caller's agreement versions, and is sealed with the caller and the collection as associated data:
/// opaque, unforgeable, useless to another caller, and refused once the filters or the agreement changed
/// (SECURITY.md rule 5).
/// </summary>
internal sealed class TaxiiTokens(IFederationStore store)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    // 2: the position's date_added before its sequence and index (1 had no date and is refused: the client starts
    // again from added_after).
    private const byte FormatVersion = 2;
    private const int PositionBytes = 8 + 8 + 4 + 8;
    private const int FiltersAt = 1 + PositionBytes;
    private const int AgreementAt = FiltersAt + 16;
    private const int PlainBytes = AgreementAt + 16;

    private readonly Lock _lock = new();
    private Task<byte[]>? _root;

    public async Task<string> SealAsync(TaxiiResume resume, byte[] filters, byte[] agreement, string binding, CancellationToken cancellationToken)
    {
        var plain = new byte[PlainBytes];
        plain[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(plain.AsSpan(1), resume.After.DateTicks);
        BinaryPrimitives.WriteUInt64BigEndian(plain.AsSpan(9), resume.After.Sequence);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(17), resume.After.Index);
        BinaryPrimitives.WriteUInt64BigEndian(plain.AsSpan(21), resume.ScanFrom);
        filters.CopyTo(plain, FiltersAt);
        agreement.CopyTo(plain, AgreementAt);
        using var aes = new AesGcm(await KeyAsync("taxii.next.v1", cancellationToken).ConfigureAwait(false), TagBytes);
        var sealedBytes = new byte[NonceBytes + PlainBytes + TagBytes];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceBytes));
        aes.Encrypt(sealedBytes.AsSpan(0, NonceBytes), plain, sealedBytes.AsSpan(NonceBytes, PlainBytes), sealedBytes.AsSpan(NonceBytes + PlainBytes), Encoding.UTF8.GetBytes(binding));
        return Base64Url(sealedBytes);
    }

    /// <summary>Where <paramref name="token"/> resumes if this node sealed it for this binding, these filters and agreements; else null.</summary>
    public async Task<TaxiiResume?> OpenAsync(string token, byte[] filters, byte[] agreement, string binding, CancellationToken cancellationToken)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4));
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length != NonceBytes + PlainBytes + TagBytes)
        {
            return null;
        }

        using var aes = new AesGcm(await KeyAsync("taxii.next.v1", cancellationToken).ConfigureAwait(false), TagBytes);
        var plain = new byte[PlainBytes];
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, PlainBytes), sealedBytes.AsSpan(NonceBytes + PlainBytes), plain, Encoding.UTF8.GetBytes(binding));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return plain[0] == FormatVersion && plain.AsSpan(FiltersAt, 16).SequenceEqual(filters) && plain.AsSpan(AgreementAt, 16).SequenceEqual(agreement)
            ? new TaxiiResume(
                new TaxiiPosition(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(1)), BinaryPrimitives.ReadUInt64BigEndian(plain.AsSpan(9)), BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(17))),
                BinaryPrimitives.ReadUInt64BigEndian(plain.AsSpan(21)))
            : null;
    }

    /// <summary>
    /// A collection's id: a version 4 UUID (the specification's identifier) drawn from a keyed hash of its name, so it
    /// is stable across restarts, the same on every replica, and tells nothing of whose it is.
    /// </summary>
    public async Task<string> CollectionIdAsync(string name, CancellationToken cancellationToken)
    {
        var key = await KeyAsync("taxii.collection.v1", cancellationToken).ConfigureAwait(false);
        var bytes = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<byte[]> KeyAsync(string purpose, CancellationToken cancellationToken)
    {
        Task<byte[]> root;
        lock (_lock)
        {
            // A failed load (store not open yet) is not kept: the next request tries again.
            if (_root is null || _root.IsFaulted || _root.IsCanceled)
            {
                _root = store.GetOrCreateSealingKeyAsync(cancellationToken);
            }

            root = _root;
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, await root.ConfigureAwait(false), 32, info: Encoding.UTF8.GetBytes(purpose));
    }
}
