using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;

namespace CyberPledge.ServiceDefaults.Tests.Certificates;

/// <summary>Which certificates a registry snapshot lets in, and the reason given for each refusal (SECURITY.md rule 11).</summary>
public sealed class PeerCertificateValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = TestPki.Now;

    private readonly X509Certificate2 _nldCa = TestPki.Ca("NLD");
    private readonly X509Certificate2 _deuCa = TestPki.Ca("DEU");

    public void Dispose()
    {
        _nldCa.Dispose();
        _deuCa.Dispose();
    }

    [Fact]
    public void Validate_NodeCertificateFromRegisteredCa_TrustedWithRegistryNationAndNodeId()
    {
        using var certificate = TestPki.Node(_deuCa, "DEU", "berlin-1");
        var validator = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null), new("DEU", _deuCa, null));

        var result = validator.Validate(certificate, null, Now);

        Assert.True(result.IsTrusted, result.Failure);
        Assert.Equal("DEU", result.Nation);
        Assert.Equal("berlin-1", result.NodeId);
        Assert.Equal("node:DEU:berlin-1", result.Role);
    }

    [Fact]
    public void Validate_IssuedByUnregisteredNationsCa_RefusedAsNotChaining()
    {
        using var certificate = TestPki.Node(_deuCa, "DEU");

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null)).Validate(certificate, null, Now);

        AssertRefused(result, "does not chain to the CA of any registered peer");
    }

    [Fact]
    public void Validate_IssuedByForgedCaWithTheRegisteredName_RefusedAsNotChaining()
    {
        // Same subject as NLD's CA, another key: the name alone must not be enough.
        using var forgedCa = TestPki.Ca("NLD");
        using var certificate = TestPki.Node(forgedCa, "NLD");

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null)).Validate(certificate, null, Now);

        AssertRefused(result, "does not chain to the CA of any registered peer (NLD: ");
    }

    [Fact]
    public void Validate_AfterNotAfter_RefusedAsExpired()
    {
        using var certificate = TestPki.Node(_nldCa, "NLD");
        var validator = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null));

        var before = validator.Validate(certificate, null, Now);
        var after = validator.Validate(certificate, null, Now.AddDays(31));

        Assert.True(before.IsTrusted, before.Failure);
        AssertRefused(after, "expired on ");
    }

    [Fact]
    public void Validate_BeforeNotBefore_RefusedAsNotYetValid()
    {
        using var certificate = TestPki.Node(_nldCa, "NLD");

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null)).Validate(certificate, null, Now.AddDays(-2));

        AssertRefused(result, "not yet valid");
    }

    [Fact]
    public void Validate_OrganizationDisagreesWithRegistryEntry_Refused()
    {
        using var certificate = TestPki.Raw("CN=node-1, O=DEU", _nldCa, [TestPki.ClientAuthentication]);
        var validator = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null), new("DEU", _deuCa, null));

        var result = validator.Validate(certificate, null, Now);

        AssertRefused(result, "O=DEU but the registry entry whose CA validated it is NLD");
    }

    [Fact]
    public void Validate_SelfSignedWithRegisteredOrganization_RefusedAsNotChaining()
    {
        using var certificate = TestPki.Raw("CN=node-1, O=NLD", issuer: null, [TestPki.ClientAuthentication]);

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null)).Validate(certificate, null, Now);

        AssertRefused(result, "does not chain to the CA of any registered peer");
    }

    [Fact]
    public void Validate_ServerOnlyCertificateAsClient_RefusedAsNotForClientAuthentication()
    {
        using var certificate = TestPki.Raw("CN=node-1, O=NLD", _nldCa, [TestPki.ServerAuthentication]);
        var validator = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null));

        var asClient = validator.Validate(certificate, null, Now);
        var asServer = validator.Validate(certificate, null, Now, CertificatePurpose.ServerAuthentication);

        AssertRefused(asClient, "not for client authentication");
        Assert.True(asServer.IsTrusted, asServer.Failure);
    }

    [Fact]
    public void Validate_CommonNameNotANodeId_Refused()
    {
        using var certificate = TestPki.Raw("CN=Node One, O=NLD", _nldCa, [TestPki.ClientAuthentication]);

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null)).Validate(certificate, null, Now);

        AssertRefused(result, "CN is not a node id");
    }

    [Fact]
    public void Validate_CaCertificatePresentedAsNode_Refused()
    {
        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null)).Validate(_nldCa, null, Now);

        AssertRefused(result, "is a CA certificate");
    }

    [Fact]
    public void Validate_SameCaRegisteredForTwoNations_RefusedAsAmbiguous()
    {
        using var certificate = TestPki.Node(_nldCa, "NLD");

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null), new("BEL", _nldCa, null)).Validate(certificate, null, Now);

        AssertRefused(result, "chains to the CAs of several registered peers (BEL, NLD)");
    }

    [Fact]
    public void Validate_IssuedThroughIntermediateCa_TrustedOnlyWhenTheIntermediateIsGiven()
    {
        using var root = TestPki.RawCa("CN=Root, O=NLD", issuer: null);
        using var issuing = TestPki.RawCa("CN=Issuing, O=NLD", root);
        using var certificate = TestPki.Raw("CN=node-1, O=NLD", issuing, [TestPki.ClientAuthentication]);
        var validator = TestPki.Validator(new TrustedPeerCertificate("NLD", root, null));

        var without = validator.Validate(certificate, null, Now);
        var with = validator.Validate(certificate, [issuing], Now);

        AssertRefused(without, "does not chain to the CA of any registered peer");
        Assert.True(with.IsTrusted, with.Failure);
        Assert.Equal("NLD", with.Nation);
    }

    [Fact]
    public void Validate_PinnedFingerprintInUpperCaseWithColons_TrustedAsPinningNation()
    {
        using var certificate = TestPki.Raw("CN=node-1, O=NLD", issuer: null, [TestPki.ClientAuthentication]);
        var pinned = string.Join(':', Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", Ca: null, pinned)).Validate(certificate, null, Now);

        Assert.True(result.IsTrusted, result.Failure);
        Assert.Equal("NLD", result.Nation);
        Assert.Equal("node-1", result.NodeId);
    }

    [Fact]
    public void Validate_PinnedButExpired_Refused()
    {
        using var certificate = TestPki.Raw("CN=node-1, O=NLD", issuer: null, [TestPki.ClientAuthentication], Now.AddDays(-10), Now.AddDays(-1));

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", null, CertificateFiles.Sha256Fingerprint(certificate))).Validate(certificate, null, Now);

        AssertRefused(result, "expired on ");
    }

    [Fact]
    public void Validate_PinnedByAnotherNationThanItsOrganization_Refused()
    {
        using var certificate = TestPki.Raw("CN=node-1, O=DEU", issuer: null, [TestPki.ClientAuthentication]);

        var result = TestPki.Validator(new TrustedPeerCertificate("NLD", null, CertificateFiles.Sha256Fingerprint(certificate))).Validate(certificate, null, Now);

        AssertRefused(result, "O=DEU but the registry entry whose pinned fingerprint matched it is NLD");
    }

    [Fact]
    public void Validate_ManyDistinctCertificatesBeyondCacheCapacity_EachStillJudged()
    {
        var validator = new PeerCertificateValidator([new("NLD", _nldCa, null)], cacheCapacity: 2);
        var certificates = Enumerable.Range(0, 5).Select(i => TestPki.Node(_nldCa, "NLD", $"node-{i}")).ToList();

        var results = certificates.Concat(certificates).Select(c => validator.Validate(c, null, Now)).ToList();

        Assert.Equal(["node-0", "node-1", "node-2", "node-3", "node-4", "node-0", "node-1", "node-2", "node-3", "node-4"], results.Select(r => r.NodeId));
        certificates.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Validate_ConcurrentCallsForTrustedAndRefusedCertificates_EachGetsItsOwnVerdict()
    {
        using var trusted = TestPki.Node(_nldCa, "NLD");
        using var refused = TestPki.Node(_deuCa, "DEU");
        var validator = TestPki.Validator(new TrustedPeerCertificate("NLD", _nldCa, null));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => (Even: i % 2 == 0, Result: validator.Validate(i % 2 == 0 ? trusted : refused, null, Now)))));

        Assert.All(results, r => Assert.Equal(r.Even, r.Result.IsTrusted));
    }

    [Theory]
    [InlineData("nld", null)]
    [InlineData("NLD", "abc")]
    public void Constructor_MalformedNationOrFingerprint_Throws(string nation, string? pinned)
    {
        Assert.Throws<ArgumentException>(() => new PeerCertificateValidator([new(nation, null, pinned)]));
    }

    private static void AssertRefused(PeerCertificateResult result, string failure)
    {
        Assert.False(result.IsTrusted);
        Assert.Null(result.Nation);
        Assert.Null(result.NodeId);
        Assert.Contains(failure, result.Failure, StringComparison.Ordinal);
    }
}
