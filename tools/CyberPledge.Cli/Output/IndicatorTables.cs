using CyberPledge.V1;
using Spectre.Console;

namespace CyberPledge.Cli.Output;

/// <summary>Indicators for people: values defanged, text cleaned and escaped.</summary>
internal static class IndicatorTables
{
    public static Table List(IEnumerable<Indicator> indicators)
    {
        var table = CliOutput.Table("ID", "TYPE", "VALUE", "TLP", "CONF", "SEVERITY", "VER", "MODIFIED", "ORIGIN", "STATE");
        foreach (var i in indicators)
        {
            CliOutput.Row(table, i.Id, Display.Name(i.Type), Defang.Value(i.Type, i.Value), Display.Tlp(i.Tlp),
                Display.Number(i.Confidence), Display.Name(i.Severity), Display.Number(i.Version), Display.Time(i.Modified),
                Origin(i.Origin), i.Revoked ? "revoked" : "");
        }
        return table;
    }

    public static Table Details(Indicator i) => CliOutput.Details(
    [
        ("id", i.Id),
        ("type", Display.Name(i.Type)),
        ("value", Defang.Value(i.Type, i.Value)),
        ("tlp", Display.Tlp(i.Tlp)),
        ("confidence", Display.Number(i.Confidence)),
        ("severity", Display.Name(i.Severity)),
        ("sectors", Display.Names(i.Sectors)),
        ("tags", Defang.Text(string.Join(", ", i.Tags))),
        ("kill chain", string.Join(", ", i.KillChainPhases.Select(p => $"{p.KillChainName}:{p.PhaseName}"))),
        ("valid", $"{Display.Time(i.ValidFrom)} .. {Display.Time(i.ValidUntil)}".Trim()),
        ("description", Defang.Text(i.Description)),
        ("reporting org", i.Sensitive?.ReportingOrganisation),
        ("internal notes", Defang.Text(i.Sensitive?.InternalNotes ?? "")),
        ("origin", Origin(i.Origin)),
        ("version", Display.Number(i.Version)),
        ("revoked", i.Revoked ? "yes" : ""),
        ("reshare", i.Distribution is { MayReshare: true } d ? $"yes, {d.HopLimit} hops" : "no"),
        ("imported", i.Imported is { } m ? $"{Defang.Text(m.Source)} {m.StixId}{(m.Promoted ? $", promoted by {Defang.Text(m.PromotedBy)}" : ", not promoted")}" : ""),
        ("created", Display.Time(i.Created)),
        ("modified", Display.Time(i.Modified)),
    ]);

    public static Table SubmitResults(IReadOnlyList<(int Line, SubmitResult Result)> results)
    {
        var table = CliOutput.Table("LINE", "OUTCOME", "ID", "VER", "SEQ", "ERROR");
        foreach (var (line, result) in results)
        {
            CliOutput.Row(table, Display.Number((ulong)line), Display.Name(result.Outcome), result.Id,
                result.Version == 0 ? "" : Display.Number(result.Version), result.Sequence == 0 ? "" : Display.Number(result.Sequence),
                result.Error);
        }
        return table;
    }

    /// <summary>One change-feed event as one line (a stream is not a table).</summary>
    public static string EventLine(ChangeEvent e)
    {
        var i = e.Indicator ?? new Indicator();
        var parts = new[]
        {
            Display.Number(e.Sequence), Display.Name(i.Type), Defang.Value(i.Type, i.Value), Display.Tlp(i.Tlp),
            "v" + Display.Number(i.Version), i.Id, Origin(i.Origin), i.Revoked ? "revoked" : "",
        };
        return TerminalText.Clean(string.Join("  ", parts.Where(p => p.Length > 0)));
    }

    private static string Origin(Origin? origin) => origin is null ? "" : $"{origin.Nation}/{origin.NodeId}";
}
