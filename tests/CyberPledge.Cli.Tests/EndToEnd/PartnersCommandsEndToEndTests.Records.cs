using CyberPledge.V1;

namespace CyberPledge.Cli.Tests.EndToEnd;

/// <summary><c>agreements create|update</c> with the rule options for incidents, support and sightings (issue 13).</summary>
public sealed partial class PartnersCommandsEndToEndTests
{
    [Fact]
    public async Task AgreementsCreate_TemplateWithRecordOptions_TemplateRulesChangedOnlyWhereTheOptionsSay()
    {
        var created = Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "create",
            Write("deu.yaml", "id: DEU-2026-01\ngrantee: DEU\ntier: ally\n"), "--template", "ally",
            "--incident-sectors", "energy,water", "--support", "request", "--redact-affected-services", "false"));

        Assert.Equal(Tlp.Amber, created.Rules.MaxTlp);
        Assert.True(created.Rules.MayReshare);
        Assert.Equal(new IncidentRules { Share = true, Sectors = { Sector.Energy, Sector.Water }, MinSeverity = Severity.Low }, created.Rules.Incidents);
        Assert.Equal(new SupportRules { MayRequest = true }, created.Rules.Support);
        Assert.Equal(new SightingRules { Share = true, HopLimit = 2 }, created.Rules.Sightings);
    }

    [Fact]
    public async Task AgreementsUpdate_OptionsWithoutFile_NewVersionOfTheCurrentRulesShownInTheTable()
    {
        await Ok(Admin, "agreements", "create", Write("jpn.yaml", AgreementYaml("green")));

        var table = await Ok(Admin, "agreements", "update", "JPN-2026-01", "--share-incidents", "--incident-min-severity", "high",
            "--support", "none", "--share-sightings", "--sighting-hop-limit", "0");

        Assert.Matches(@"incidents\s+yes: sectors all; severity high or higher\s", table);
        Assert.Matches(@"support\s+none\s", table);
        Assert.Matches(@"sightings\s+yes, 0 hops", table);
        var stored = Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "show", "JPN-2026-01"));
        Assert.Equal(2ul, stored.Version);
        Assert.Equal(Tlp.Green, stored.Rules.MaxTlp);
        Assert.Equal([Sector.Energy, Sector.Finance, Sector.Government], stored.Rules.Sectors);
        Assert.True(stored.Rules.Sightings.HasHopLimit);
        Assert.Equal(0u, stored.Rules.Sightings.HopLimit);
        var audit = Parse<ListAuditResponse>(await Ok(Admin, "--json", "audit", "list", "--action", "agreement.updated")).Records.Single();
        Assert.Contains("\"minSeverity\": \"SEVERITY_HIGH\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementsUpdate_IncidentsSharedWithoutMinimumSeverity_RefusedNamingTheField()
    {
        await Ok(Admin, "agreements", "create", Write("jpn.yaml", AgreementYaml("green")));

        await Refused("INVALID_ARGUMENT: agreement.rules.incidents.min_severity", Admin, "agreements", "update", "JPN-2026-01", "--share-incidents");
    }
}
