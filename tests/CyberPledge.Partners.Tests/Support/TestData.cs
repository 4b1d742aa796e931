using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Tests.Support;

/// <summary>Peers with real certificates and keys made at test time, and agreements.</summary>
internal static class TestData
{
    public static Peer Peer(string nation = "JPN", Tier tier = Tier.Partner) => new()
    {
        Nation = nation,
        Name = "Node of " + nation,
        Tier = tier,
        CaCertificatePem = CaCertificatePem("CN=" + nation + " CA", isCa: true),
        PinnedCertificateSha256 = new string('A', 64),
        SigningKeys = { SigningKey() },
        Endpoint = $"https://gateway.{nation.ToLowerInvariant()}.example:443",
    };

    public static string CaCertificatePem(string subject, bool isCa)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }

    public static ByteString SigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ByteString.CopyFrom(key.ExportSubjectPublicKeyInfo());
    }

    public static AgreementRules Rules(Tlp maxTlp = Tlp.Green, params IndicatorType[] types) => new()
    {
        MaxTlp = maxTlp,
        IndicatorTypes = { types.Length == 0 ? [IndicatorType.Domain, IndicatorType.Ipv4] : types },
        Sectors = { Sector.Energy, Sector.Finance },
        MinConfidence = 10,
    };

    public static SharingAgreement Agreement(string id = "JPN-2026-01", string grantee = "JPN", Tier tier = Tier.Partner, AgreementRules? rules = null) => new()
    {
        Id = id,
        Grantee = grantee,
        Tier = tier,
        Title = "Sharing with " + grantee,
        ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        Rules = rules ?? Rules(),
    };

    public static AuditEntry Entry(string action, string grantee = "JPN", string subject = "peer:JPN", DateTimeOffset? at = null) =>
        new(at ?? DateTimeOffset.UtcNow, "alice (admin)", action, subject, grantee, "", "{\"n\":1}");
}
