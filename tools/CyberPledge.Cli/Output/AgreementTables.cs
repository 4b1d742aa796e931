using CyberPledge.V1;
using Spectre.Console;

namespace CyberPledge.Cli.Output;

/// <summary>Sharing agreements, their history, previews and decisions, for people.</summary>
internal static class AgreementTables
{
    // partners.proto: an absent sighting hop limit is 2 (DESIGN.md Decision 13).
    private const uint DefaultSightingHopLimit = 2;

    public static Table List(IEnumerable<SharingAgreement> agreements)
    {
        var table = CliOutput.Table("ID", "GRANTEE", "TIER", "STATUS", "VER", "MAX TLP", "VALID FROM", "VALID UNTIL", "TITLE");
        foreach (var a in agreements)
        {
            CliOutput.Row(table, a.Id, a.Grantee, Display.Name(a.Tier), Display.Name(a.Status), Display.Number(a.Version),
                Display.Tlp(a.Rules?.MaxTlp ?? Tlp.Unspecified), Display.Time(a.ValidFrom), Display.Time(a.ValidUntil), a.Title);
        }
        return table;
    }

    public static Table Details(SharingAgreement a)
    {
        var rules = a.Rules ?? new AgreementRules();
        return CliOutput.Details(
        [
            ("id", a.Id),
            ("title", a.Title),
            ("grantee", a.Grantee),
            ("tier", Display.Name(a.Tier)),
            ("status", Display.Name(a.Status)),
            ("version", Display.Number(a.Version)),
            ("valid", $"{Display.Time(a.ValidFrom)} .. {(a.ValidUntil is null ? "no end" : Display.Time(a.ValidUntil))}"),
            ("max tlp", Display.Tlp(rules.MaxTlp)),
            ("types", Or(Display.Names(rules.IndicatorTypes))),
            ("sectors", Or(Display.Names(rules.Sectors))),
            ("min confidence", Display.Number(rules.MinConfidence)),
            ("min severity", Display.Name(rules.MinSeverity)),
            ("embargo", Display.Duration(rules.Embargo ?? new Google.Protobuf.WellKnownTypes.Duration())),
            ("redactions", Display.Names(rules.Redactions)),
            ("reshare", rules.MayReshare ? $"yes, {rules.HopLimit} hops" : "no"),
            ("incidents", Incidents(rules.Incidents)),
            ("support", Support(rules.Support)),
            ("sightings", rules.Sightings is { Share: true } s ? $"yes, {(s.HasHopLimit ? s.HopLimit : DefaultSightingHopLimit)} hops" : "no"),
            ("changed", $"{Display.Time(a.Changed)} by {a.ChangedBy}"),
        ]);
    }

    public static Table History(IEnumerable<SharingAgreement> versions)
    {
        var table = CliOutput.Table("VER", "STATUS", "CHANGED", "BY", "MAX TLP", "TYPES", "SECTORS", "EMBARGO", "VALID UNTIL");
        foreach (var a in versions)
        {
            var rules = a.Rules ?? new AgreementRules();
            CliOutput.Row(table, Display.Number(a.Version), Display.Name(a.Status), Display.Time(a.Changed), a.ChangedBy,
                Display.Tlp(rules.MaxTlp), Or(Display.Names(rules.IndicatorTypes)), Or(Display.Names(rules.Sectors)),
                Display.Duration(rules.Embargo ?? new Google.Protobuf.WellKnownTypes.Duration()), Display.Time(a.ValidUntil));
        }
        return table;
    }

    public static IEnumerable<Spectre.Console.Rendering.IRenderable> Preview(PreviewResponse p)
    {
        yield return CliOutput.Details(
        [
            ("evaluated", Display.Number(p.Evaluated)),
            ("shared", Display.Number(p.Shared)),
            ("embargoed", Display.Number(p.Embargoed)),
            ("withheld", Display.Number(p.Withheld)),
        ]);
        var rules = CliOutput.Table("RULE", "WITHHELD");
        foreach (var count in p.ByRule)
        {
            CliOutput.Row(rules, count.Rule, Display.Number(count.Withheld));
        }
        yield return rules;
        yield return Samples("SHARED", p.SharedSamples);
        yield return Samples("WITHHELD", p.WithheldSamples);
    }

    public static Table Explain(ExplainResponse e)
    {
        var details = CliOutput.Details(
        [
            ("decision", e.Allowed ? "shared" : "withheld"),
            ("reason", Defang.Text(e.Reason)),
            ("agreement", string.IsNullOrEmpty(e.AgreementId) ? "" : $"{e.AgreementId} v{e.AgreementVersion}"),
            ("rule", e.Rule),
            ("redactions", Display.Names(e.Redactions)),
            ("release at", Display.Time(e.ReleaseAt)),
        ]);
        foreach (var step in e.Trace)
        {
            CliOutput.Row(details, "trace", Defang.Text(step));
        }
        return details;
    }

    private static Table Samples(string kind, IEnumerable<PreviewSample> samples)
    {
        var table = CliOutput.Table(kind, "TYPE", "VALUE", "TLP", "WHY", "RELEASE AT");
        foreach (var s in samples)
        {
            var i = s.Indicator ?? new Indicator();
            var why = s.Redacted.Count > 0 ? $"{s.Reason} (redacted: {Display.Names(s.Redacted)})" : s.Reason;
            CliOutput.Row(table, i.Id, Display.Name(i.Type), Defang.Value(i.Type, i.Value), Display.Tlp(i.Tlp), Defang.Text(why), Display.Time(s.ReleaseAt));
        }
        return table;
    }

    /// <summary>"yes: sectors energy, water; severity medium or higher; affected services redacted", or "no".</summary>
    internal static string Incidents(IncidentRules? incidents)
    {
        if (incidents is not { Share: true })
        {
            return "no";
        }
        var sectors = incidents.Sectors.Count == 0 ? "all" : Display.Names(incidents.Sectors);
        var severity = incidents.MinSeverity == Severity.Unspecified ? "any" : Display.Name(incidents.MinSeverity) + " or higher";
        return $"yes: sectors {sectors}; severity {severity}{(incidents.RedactAffectedServices ? "; affected services redacted" : "")}";
    }

    /// <summary>"request, offer", "request", "offer" or "none".</summary>
    internal static string Support(SupportRules? support)
    {
        var kinds = new[] { support?.MayRequest == true ? "request" : null, support?.MayOffer == true ? "offer" : null }.OfType<string>().ToArray();
        return kinds.Length == 0 ? "none" : string.Join(", ", kinds);
    }

    private static string Or(string list) => list.Length == 0 ? "none" : list;
}
