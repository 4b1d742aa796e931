using CyberPledge.V1;
using Spectre.Console;

namespace CyberPledge.Cli.Output;

/// <summary>Federation links, for people.</summary>
internal static class LinkTables
{
    public static Table Links(IEnumerable<LinkStatus> links)
    {
        var table = CliOutput.Table("NATION", "DIRECTION", "STATE", "POSITION", "LAG", "RECEIVED", "APPLIED", "IGNORED", "REJECTED", "LAST ERROR");
        foreach (var l in links)
        {
            CliOutput.Row(table, l.Nation, Display.Name(l.Direction), Display.Name(l.State), Display.Number(l.Position), Display.Duration(l.Lag),
                Display.Number(l.Received), Display.Number(l.Applied), Display.Number(l.Ignored), Display.Number(l.Rejected), l.LastError);
        }
        return table;
    }

    public static Table Link(LinkStatus l)
    {
        var table = CliOutput.Table("FIELD", "VALUE");
        CliOutput.Row(table, "nation", l.Nation);
        CliOutput.Row(table, "direction", Display.Name(l.Direction));
        CliOutput.Row(table, "state", Display.Name(l.State));
        CliOutput.Row(table, "endpoint", Defang.Text(l.Endpoint));
        CliOutput.Row(table, "connected since", Display.Time(l.ConnectedSince));
        CliOutput.Row(table, "position", Display.Number(l.Position));
        CliOutput.Row(table, "lag (events)", Display.Number(l.LagEvents));
        CliOutput.Row(table, "lag", Display.Duration(l.Lag));
        CliOutput.Row(table, "received", Display.Number(l.Received));
        CliOutput.Row(table, "applied", Display.Number(l.Applied));
        CliOutput.Row(table, "ignored", Display.Number(l.Ignored));
        CliOutput.Row(table, "rejected", Display.Number(l.Rejected));
        CliOutput.Row(table, "last error", l.LastError);
        CliOutput.Row(table, "last error at", Display.Time(l.LastErrorAt));
        return table;
    }
}
