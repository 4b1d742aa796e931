using System.Security.Cryptography;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Signing;

/// <summary>
/// This node's ECDSA P-256 key, created on first start and kept as PKCS#8 PEM (mode 0600) in
/// the data directory. Signing is thread-safe: each thread gets its own ECDsa instance, since
/// the OpenSSL-backed objects are not documented as safe for concurrent use.
/// </summary>
public sealed class NodeSigningKey : IDisposable
{
    /// <summary>The key file's name in the data directory.</summary>
    public const string FileName = "node-signing-key.pem";

    private readonly string _pkcs8Pem;
    private readonly ThreadLocal<ECDsa> _perThread;

    private NodeSigningKey(string pkcs8Pem)
    {
        _pkcs8Pem = pkcs8Pem;
        _perThread = new ThreadLocal<ECDsa>(CreateInstance, trackAllValues: true);
        using var key = CreateInstance();
        if (!SignatureAlgorithm.IsP256(key))
        {
            throw new CryptographicException($"{FileName} does not hold an ECDSA P-256 key.");
        }

        PublicKey = key.ExportSubjectPublicKeyInfo();
        KeyId = SignatureAlgorithm.KeyId(PublicKey);
    }

    /// <summary>SubjectPublicKeyInfo (DER).</summary>
    public byte[] PublicKey { get; }

    /// <summary>The key's id, carried in every signature: SHA-256 of <see cref="PublicKey"/>.</summary>
    public byte[] KeyId { get; }

    /// <summary>Loads the key from <paramref name="dataDirectory"/>, creating it there on first start.</summary>
    public static NodeSigningKey LoadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var temporary = path + ".tmp";
            using (var stream = CreatePrivateFile(temporary))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(created.ExportPkcs8PrivateKeyPem());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // Rename is atomic: a crash leaves either no key file or a whole one.
            File.Move(temporary, path, overwrite: false);
        }

        return new NodeSigningKey(File.ReadAllText(path));
    }

    /// <summary>Signs one version whose other fields are final (a batch of one).</summary>
    public void Sign(Indicator version) => SignBatch([version]);

    /// <summary>
    /// Signs versions whose other fields are final with one ECDSA signature: each version's
    /// canonical encoding (its own: v2 versions are committed by <see cref="IndicatorRedaction.Commit"/> first) is a leaf of a Merkle tree, the root is signed, and each version
    /// gets the signature and its inclusion proof.
    /// </summary>
    public void SignBatch(IReadOnlyList<Indicator> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            return;
        }

        var keyId = ByteString.CopyFrom(KeyId);
        var leaves = new byte[versions.Count][];
        for (var i = 0; i < versions.Count; i++)
        {
            versions[i].Signature = new Signature { Algorithm = SignatureAlgorithm.Name, KeyId = keyId };
            leaves[i] = MerkleTree.LeafHash(IndicatorCanonicalEncoding.Write(versions[i]).WrittenSpan);
        }

        var root = MerkleTree.Build(leaves, out var paths);
        var statement = SignatureAlgorithm.BatchStatement((uint)versions.Count, root);
        var value = ByteString.CopyFrom(_perThread.Value!.SignData(statement, HashAlgorithmName.SHA256, SignatureAlgorithm.Format));
        for (var i = 0; i < versions.Count; i++)
        {
            var signature = versions[i].Signature;
            signature.Value = value;
            signature.LeafIndex = (uint)i;
            signature.TreeSize = (uint)versions.Count;
            signature.AuditPath.Add(paths[i].Select(ByteString.CopyFrom));
        }
    }

    /// <summary>
    /// Signs a withdrawal whose other fields are final (<see cref="WithdrawalSignature"/>): sets its key id and
    /// signature. Its own domain keeps it apart from indicator batches.
    /// </summary>
    public void SignWithdrawal(Withdrawal withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        withdrawal.KeyId = ByteString.CopyFrom(KeyId);
        withdrawal.Signature = ByteString.CopyFrom(_perThread.Value!.SignData(WithdrawalSignature.Encode(withdrawal), HashAlgorithmName.SHA256, SignatureAlgorithm.Format));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _perThread.Values)
        {
            key.Dispose();
        }

        _perThread.Dispose();
    }

    private ECDsa CreateInstance()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(_pkcs8Pem);
        return key;
    }

    private static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
