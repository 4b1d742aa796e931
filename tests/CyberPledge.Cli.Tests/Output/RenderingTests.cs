using CyberPledge.Cli.Output;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Cli.Tests.Output;

/// <summary>The partners responses as tables and as JSON, before there is a service to ask.</summary>
public sealed class RenderingTests
{
    private static readonly SharingAgreement Agreement = new()
    {
        Id = "JPN-2026-01",
        Grantee = "JPN",
        Tier = Tier.Partner,
        Status = AgreementStatus.Active,
        Version = 3,
        Title = "[bold]Japan[/] \u202Eenergy",
        ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        Rules = new AgreementRules
        {
            MaxTlp = Tlp.AmberStrict,
            IndicatorTypes = { IndicatorType.Domain, IndicatorType.Url },
            Embargo = Duration.FromTimeSpan(TimeSpan.FromHours(26)),
            Redactions = { RedactableField.ReportingOrganisation },
        },
        ChangedBy = "alice (admin)",
    };

    [Fact]
    public void AgreementList_Table_ColumnsWithTextEscapedAndCleaned()
    {
        var text = CliRunner.Render(AgreementTables.List([Agreement]));

        Assert.Contains("JPN-2026-01", text, StringComparison.Ordinal);
        Assert.Contains("partner", text, StringComparison.Ordinal);
        Assert.Contains("active", text, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER+STRICT", text, StringComparison.Ordinal);
        Assert.Contains("[bold]Japan[/] \uFFFDenergy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AgreementDetails_RecordRules_IncidentsSupportAndSightingsInWords()
    {
        var agreement = Agreement.Clone();
        agreement.Rules.Incidents = new IncidentRules { Share = true, Sectors = { Sector.Energy, Sector.Water }, MinSeverity = Severity.Medium, RedactAffectedServices = true };
        agreement.Rules.Support = new SupportRules { MayOffer = true };
        agreement.Rules.Sightings = new SightingRules { Share = true };

        var text = CliRunner.Render(AgreementTables.Details(agreement));

        Assert.Contains("yes: sectors energy, water; severity medium or higher; affected services redacted", text, StringComparison.Ordinal);
        Assert.Matches(@"support\s+offer\s", text);
        Assert.Matches(@"sightings\s+yes, 2 hops", text);
    }

    [Fact]
    public void AgreementDetails_NoRecordRules_NoneShared()
    {
        var text = CliRunner.Render(AgreementTables.Details(Agreement));

        Assert.Matches(@"incidents\s+no\s", text);
        Assert.Matches(@"support\s+none\s", text);
        Assert.Matches(@"sightings\s+no\s", text);
    }

    [Fact]
    public void AgreementDetails_Rules_ReadableNamesAndDurations()
    {
        var text = CliRunner.Render(AgreementTables.Details(Agreement));

        Assert.Contains("domain, url", text, StringComparison.Ordinal);
        Assert.Contains("1d 2h", text, StringComparison.Ordinal);
        Assert.Contains("reporting_organisation", text, StringComparison.Ordinal);
        Assert.Contains("none", text, StringComparison.Ordinal);
        Assert.Contains("no end", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_CountsRulesAndSamples_ValuesDefanged()
    {
        var preview = new PreviewResponse
        {
            Evaluated = 10, Shared = 6, Withheld = 4, Embargoed = 1,
            ByRule = { new RuleCount { Rule = "max_tlp", Withheld = 3 }, new RuleCount { Rule = "fixed.tlp_red", Withheld = 1 } },
            SharedSamples = { new PreviewSample { Indicator = new Indicator { Id = "s1", Type = IndicatorType.Domain, Value = "ok.example", Tlp = Tlp.Green }, Reason = "shared", Redacted = { RedactableField.Tags } } },
            WithheldSamples = { new PreviewSample { Indicator = new Indicator { Id = "w1", Type = IndicatorType.Url, Value = "http://bad.example/", Tlp = Tlp.Red }, Reason = "withheld: TLP:RED is never shared" } },
        };

        var text = string.Concat(AgreementTables.Preview(preview).Select(CliRunner.Render));

        Assert.Contains("fixed.tlp_red", text, StringComparison.Ordinal);
        Assert.Contains("ok[.]example", text, StringComparison.Ordinal);
        Assert.Contains("hxxp://bad[.]example/", text, StringComparison.Ordinal);
        Assert.Contains("(redacted: tags)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerification_Broken_NamesSequenceAndReason()
    {
        var line = PartnerTables.Verification(new VerifyAuditResponse { Valid = false, Records = 9, FirstBrokenSequence = 4, Reason = "hash mismatch" });

        Assert.Equal("audit chain broken at sequence 4 of 9: hash mismatch", line);
    }

    [Fact]
    public void AuditList_Records_HashShortened()
    {
        var record = new AuditRecord { Sequence = 7, Actor = "alice (admin)", Action = "agreement.activated", Subject = "agreement:JPN-2026-01", Grantee = "JPN", Hash = ByteString.CopyFrom(new byte[32]) };

        var text = CliRunner.Render(PartnerTables.Audit([record]));

        Assert.Contains("agreement.activated", text, StringComparison.Ordinal);
        Assert.Contains("0000000000000000…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditShares_Record_ShowsVersionAgreementVersionAndEscapedReason()
    {
        var decision = new ShareDecision
        {
            Origin = new Origin { Nation = "NLD", NodeId = "node-1" }, IndicatorId = "4d2d7b9e", Version = 3, Grantee = "JPN",
            AgreementId = "JPN-2026-01", AgreementVersion = 2, Outcome = ShareOutcome.Withheld, Rule = "max_tlp", Reason = "TLP [AMBER] too high",
        };
        var record = new AuditRecord { Sequence = 9, Action = "share.withheld", Grantee = "JPN", After = Google.Protobuf.JsonFormatter.Default.Format(decision) };

        var text = CliRunner.Render(PartnerTables.Shares([record]));

        Assert.Contains("JPN-2026-01 v2", text, StringComparison.Ordinal);
        Assert.Contains("NLD/node-1", text, StringComparison.Ordinal);
        Assert.Contains("TLP [AMBER] too high", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_Json_OneLineOfProtobufJsonThatParsesBack()
    {
        using var output = new StringWriter();
        new CliOutput(CliRunner.Settings(output, TextWriter.Null), json: true).Message(Agreement);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Single(lines);
        Assert.Equal(Agreement, JsonParser.Default.Parse<SharingAgreement>(lines[0]));
        Assert.Contains("\"maxTlp\": \"TLP_AMBER_STRICT\"", lines[0], StringComparison.Ordinal);
    }
}
