using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CyberPledge.Stix.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Stix.Tests;

/// <summary>
/// A STIX consumer's check of the provenance extension, written from docs/indicators.md (RFC 9162 inclusion proof,
/// batch statement, ECDSA P-256 in IEEE P1363 form) without the node's verifier.
/// </summary>
public sealed class StixProvenanceTests : IDisposable
{
    private readonly SampleVersions _samples = new();

    [Fact]
    public void Extension_VersionOfABatch_VerifiesWithTheOriginKeyAlone()
    {
        var batch = Enumerable.Range(1, 5).Select(v => SampleVersions.Unsigned(IndicatorType.Domain, "evil.example", (ulong)v)).ToArray();
        foreach (var version in batch)
        {
            Signing.IndicatorRedaction.Commit(version);
        }

        _samples.Key.SignBatch(batch);

        foreach (var version in batch)
        {
            var extension = StixExportTests.Provenance(StixExport.Export(version).Indicator.ToElement());
            Assert.True(Verifies(extension, _samples.Key.PublicKey));
        }
    }

    [Fact]
    public void Extension_AlteredSignedBytes_DoNotVerify()
    {
        var extension = StixExportTests.Provenance(StixExport.Export(_samples.Signed(IndicatorType.Ipv4, "198.51.100.7")).Indicator.ToElement());
        var signed = extension.GetProperty("signed_bin").GetBytesFromBase64();
        signed[^1] ^= 1;

        Assert.False(Verifies(extension, _samples.Key.PublicKey, signed));
    }

    [Fact]
    public void Extension_CarriesTheOriginAndTheFieldsStixHasNoPropertyFor()
    {
        var version = _samples.Signed(IndicatorType.Ipv4, "198.51.100.7", version: 4);

        var extension = StixExportTests.Provenance(StixExport.Export(version).Indicator.ToElement());

        Assert.Equal("property-extension", extension.GetProperty("extension_type").GetString());
        Assert.Equal("FRA", extension.GetProperty("origin_nation").GetString());
        Assert.Equal("paris", extension.GetProperty("origin_node").GetString());
        Assert.Equal(version.Id, extension.GetProperty("indicator_id").GetString());
        Assert.Equal(4, extension.GetProperty("version").GetInt32());
        Assert.Equal("v2", extension.GetProperty("canonical_encoding").GetString());
        Assert.Equal(Convert.ToHexStringLower(_samples.Key.KeyId), extension.GetProperty("key_id_hex").GetString());
        Assert.Equal("high", extension.GetProperty("severity").GetString());
        Assert.Equal(["energy", "water"], extension.GetProperty("sectors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(version.Commitments.Description.Salt.ToByteArray(),
            extension.GetProperty("field_salts").GetProperty("description").GetBytesFromBase64());
    }

    [Fact]
    public void ExtensionDefinition_ValidatesAndIsReferencedBySignedVersions()
    {
        var exported = StixExport.Export(_samples.Signed(IndicatorType.Ipv4, "198.51.100.7"));

        Assert.Contains(StixProvenance.ExtensionDefinition, exported.Referenced);
        Assert.Empty(StixSchemas.Errors(StixProvenance.ExtensionDefinition));
        Assert.Empty(StixSchemas.Errors(StixProvenance.Author));
        var definition = StixProvenance.ExtensionDefinition.ToElement();
        Assert.Equal(["property-extension"], definition.GetProperty("extension_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(StixProvenance.Author.Id, definition.GetProperty("created_by_ref").GetString());
    }

    private static bool Verifies(JsonElement extension, byte[] publicKey, byte[]? signedOverride = null)
    {
        var signed = signedOverride ?? extension.GetProperty("signed_bin").GetBytesFromBase64();
        var leafIndex = extension.GetProperty("leaf_index").GetInt64();
        var treeSize = extension.GetProperty("tree_size").GetInt64();
        var path = extension.TryGetProperty("audit_path", out var p) ? p.EnumerateArray().Select(e => e.GetBytesFromBase64()).ToArray() : [];
        var root = RootFromInclusionProof(SHA256.HashData([0x00, .. signed]), leafIndex, treeSize, path);
        var statement = new List<byte>();
        AppendBytes(statement, Encoding.UTF8.GetBytes("cyberpledge.batch.v1"));
        AppendU32(statement, (uint)treeSize);
        AppendBytes(statement, root);
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKey, out _);
        return Convert.ToHexStringLower(SHA256.HashData(publicKey)) == extension.GetProperty("key_id_hex").GetString()
            && key.VerifyData(statement.ToArray(), extension.GetProperty("signature_bin").GetBytesFromBase64(), HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    // RFC 9162 §2.1.3.2.
    private static byte[] RootFromInclusionProof(byte[] leaf, long index, long size, byte[][] path)
    {
        long fn = index, sn = size - 1;
        var r = leaf;
        foreach (var p in path)
        {
            if ((fn & 1) == 1 || fn == sn)
            {
                r = SHA256.HashData([0x01, .. p, .. r]);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = SHA256.HashData([0x01, .. r, .. p]);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return r;
    }

    private static void AppendU32(List<byte> target, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        target.AddRange(bytes);
    }

    private static void AppendBytes(List<byte> target, byte[] value)
    {
        AppendU32(target, (uint)value.Length);
        target.AddRange(value);
    }

    public void Dispose() => _samples.Dispose();
}
