using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.Testing;

namespace CyberPledge.ServiceDefaults.Tests.Certificates;

/// <summary>Certificates and keys on disk, and fingerprints in the registry's format.</summary>
public sealed class CertificateFilesTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TemporaryDirectory _root = new();
    private readonly X509Certificate2 _ca = TestPki.Ca("NLD");

    public void Dispose()
    {
        _ca.Dispose();
        _root.Dispose();
    }

    [Fact]
    public void Write_ThenLoadWithKey_SameCertificateWithKeyOwnerOnlyInOwnerOnlyDirectory()
    {
        using var node = TestPki.Node(_ca, "NLD");
        var directory = Path.Combine(_root.Path, "node");
        var certificateFile = Path.Combine(directory, "node.pem");
        var keyFile = Path.Combine(directory, "node-key.pem");

        CertificateFiles.Write(node, certificateFile, keyFile);
        using var loaded = CertificateFiles.LoadWithKey(certificateFile, keyFile);

        Assert.Equal(node.RawData, loaded.RawData);
        Assert.True(loaded.HasPrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyFile), StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(keyFile) == OwnerReadWrite);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(directory) == (OwnerReadWrite | UnixFileMode.UserExecute));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Write_OverKeyFileOpenToOthers_LeavesItOwnerOnly()
    {
        using var node = TestPki.Node(_ca, "NLD");
        var keyFile = Path.Combine(_root.Path, "node-key.pem");
        File.WriteAllText(keyFile, "old");
        File.SetUnixFileMode(keyFile, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        CertificateFiles.Write(node, Path.Combine(_root.Path, "node.pem"), keyFile);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(keyFile));
        Assert.Empty(Directory.GetFiles(_root.Path, "*.tmp"));
    }

    [Fact]
    public void LoadCertificate_WrittenCa_SameCertificateWithoutKey()
    {
        var file = Path.Combine(_root.Path, "ca.pem");
        CertificateFiles.Write(_ca, file, Path.Combine(_root.Path, "ca-key.pem"));

        using var loaded = CertificateFiles.LoadCertificate(file);

        Assert.Equal(_ca.RawData, loaded.RawData);
        Assert.False(loaded.HasPrivateKey);
    }

    [Fact]
    public void LoadCertificate_FileWithoutCertificate_ThrowsNamingTheFile()
    {
        var file = Path.Combine(_root.Path, "empty.pem");
        File.WriteAllText(file, "nothing here\n");

        var error = Assert.Throws<CryptographicException>(() => CertificateFiles.LoadCertificate(file));

        Assert.StartsWith(file + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256Fingerprint_Certificate_LowerCaseHexOfSha256OverDer()
    {
        var fingerprint = CertificateFiles.Sha256Fingerprint(_ca);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_ca.RawData)), fingerprint);
    }

    [Theory]
    [InlineData("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData("ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789")]
    public void NormalizeFingerprint_UpperCaseOrColons_LowerCaseHex(string fingerprint)
    {
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", CertificateFiles.NormalizeFingerprint(fingerprint));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdef")]
    [InlineData("zz:cdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678900")]
    public void TryNormalizeFingerprint_NotThirtyTwoBytesOfHex_False(string fingerprint)
    {
        Assert.False(CertificateFiles.TryNormalizeFingerprint(fingerprint, out _));
    }
}
