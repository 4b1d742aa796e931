using System.Security.Cryptography;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Indicators.Signing;

/// <summary>
/// This node's ECDSA P-256 key, created on first start and kept as PKCS#8 PEM (mode 0600) in
/// the data directory. Signing is thread-safe: each thread gets its own ECDsa instance, since
/// the OpenSSL-backed objects are not documented as safe for concurrent use.
/// </summary>
internal sealed class NodeSigningKey : IDisposable
{
    public const string FileName = "node-signing-key.pem";

    private readonly string _pkcs8Pem;
    private readonly ThreadLocal<ECDsa> _perThread;

    private NodeSigningKey(string pkcs8Pem)
    {
        _pkcs8Pem = pkcs8Pem;
        _perThread = new ThreadLocal<ECDsa>(CreateInstance, trackAllValues: true);
        using var key = CreateInstance();
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new CryptographicException($"{FileName} does not hold an ECDSA P-256 key.");
        }

        PublicKey = key.ExportSubjectPublicKeyInfo();
        KeyId = SignatureAlgorithm.KeyId(PublicKey);
    }

    /// <summary>SubjectPublicKeyInfo (DER).</summary>
    public byte[] PublicKey { get; }

    public byte[] KeyId { get; }

    public static NodeSigningKey LoadOrCreate(string dataDirectory)
    {
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

    /// <summary>Sets the signature of a version whose other fields are final.</summary>
    public void Sign(Indicator version)
    {
        version.Signature = new Signature { Algorithm = SignatureAlgorithm.Name, KeyId = ByteString.CopyFrom(KeyId) };
        var encoded = IndicatorCanonicalEncoding.Encode(version);
        var value = _perThread.Value!.SignData(encoded, HashAlgorithmName.SHA256, SignatureAlgorithm.Format);
        version.Signature.Value = ByteString.CopyFrom(value);
    }

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
