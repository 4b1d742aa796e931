using System.Security.Cryptography;
using CyberPledge.Cli.Files;
using CyberPledge.V1;

namespace CyberPledge.Cli.Tests.Files;

public sealed class MessageFileTests
{
    [Fact]
    public void Parse_YamlRecordRules_ShortNamesInNestedRules()
    {
        const string yaml = """
            id: DEU-2026-01
            grantee: DEU
            tier: ally
            rules:
              max_tlp: amber
              incidents:
                share: true
                sectors: [energy, water]
                min_severity: high
                redact_affected_services: true
              support: { may_request: true }
              sightings: { share: true, hop_limit: 0 }
            """;

        var rules = MessageFile.Parse<SharingAgreement>(yaml, "deu.yaml").Rules;

        Assert.Equal(new IncidentRules { Share = true, Sectors = { Sector.Energy, Sector.Water }, MinSeverity = Severity.High, RedactAffectedServices = true }, rules.Incidents);
        Assert.Equal(new SupportRules { MayRequest = true }, rules.Support);
        Assert.True(rules.Sightings.HasHopLimit);
        Assert.Equal(new SightingRules { Share = true, HopLimit = 0 }, rules.Sightings);
    }

    [Fact]
    public void Parse_YamlAgreementWithFriendlyValues_ProtoFields()
    {
        const string yaml = """
            # Japan, partner baseline tightened
            id: JPN-2026-01
            grantee: JPN
            tier: partner
            title: "Japan: energy and finance"
            valid_from: 2026-01-01
            valid_until: 2027-01-01T00:00:00Z
            rules:
              max_tlp: green
              indicator_types: [ipv4, domain, url, sha256]
              sectors:
                - energy
                - finance
              min_confidence: 60
              min_severity: medium
              embargo: 1d12h
              redactions: [reporting-organisation, INTERNAL_NOTES]
              may_reshare: false
              hop_limit: 0
            """;

        var agreement = MessageFile.Parse<SharingAgreement>(yaml, "jpn.yaml");

        Assert.Equal("JPN-2026-01", agreement.Id);
        Assert.Equal(Tier.Partner, agreement.Tier);
        Assert.Equal("Japan: energy and finance", agreement.Title);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), agreement.ValidFrom.ToDateTimeOffset());
        Assert.Equal(Tlp.Green, agreement.Rules.MaxTlp);
        Assert.Equal([IndicatorType.Ipv4, IndicatorType.Domain, IndicatorType.Url, IndicatorType.Sha256], agreement.Rules.IndicatorTypes);
        Assert.Equal([Sector.Energy, Sector.Finance], agreement.Rules.Sectors);
        Assert.Equal(60u, agreement.Rules.MinConfidence);
        Assert.Equal(Severity.Medium, agreement.Rules.MinSeverity);
        Assert.Equal(TimeSpan.FromHours(36), agreement.Rules.Embargo.ToTimeSpan());
        Assert.Equal([RedactableField.ReportingOrganisation, RedactableField.InternalNotes], agreement.Rules.Redactions);
    }

    [Fact]
    public void Parse_JsonAgreementInProtobufJson_SameAsYaml()
    {
        const string json = """{"id":"KOR-1","grantee":"KOR","tier":"TIER_ALLY","rules":{"maxTlp":"TLP_AMBER","embargo":"3600s","mayReshare":true,"hopLimit":2}}""";

        var agreement = MessageFile.Parse<SharingAgreement>(json, "kor.json");

        Assert.Equal(Tier.Ally, agreement.Tier);
        Assert.Equal(Tlp.Amber, agreement.Rules.MaxTlp);
        Assert.Equal(TimeSpan.FromHours(1), agreement.Rules.Embargo.ToTimeSpan());
        Assert.True(agreement.Rules.MayReshare);
        Assert.Equal(2u, agreement.Rules.HopLimit);
    }

    [Theory]
    [InlineData("id: A\ncolour: red\n", "colour")]
    [InlineData("id: A\nrules:\n  max_tlp: purple\n", "purple")]
    [InlineData("id: A\nid: B\n", "line 2: Duplicate key id")]
    [InlineData("- a\n- b\n", "expected a mapping")]
    [InlineData("id: [unclosed\n", "line")]
    public void Parse_BadAgreement_FailsNamingFileAndProblem(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MessageFile.Parse<SharingAgreement>(yaml, "bad.yaml"));

        Assert.StartsWith("bad.yaml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedNumberAndBooleanWords_StayStrings()
    {
        var agreement = MessageFile.Parse<SharingAgreement>("id: '2026'\ntitle: \"true\"\n", "q.yaml");

        Assert.Equal("2026", agreement.Id);
        Assert.Equal("true", agreement.Title);
    }

    [Fact]
    public void Parse_PeerWithPemSigningKey_KeyAsDerBytes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportSubjectPublicKeyInfoPem().Replace("\n", "\n    ", StringComparison.Ordinal);
        var yaml = $"nation: JPN\nname: Japan\ntier: partner\nendpoint: https://gateway.jpn.example:443\nsigning_keys:\n  - |\n    {pem}\n";

        var peer = MessageFile.Parse<Peer>(yaml, "jpn-peer.yaml");

        Assert.Equal(Tier.Partner, peer.Tier);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), Assert.Single(peer.SigningKeys).ToByteArray());
    }
}
