using CyberPledge.V1;
using Spectre.Console;

namespace CyberPledge.Cli.Output;

/// <summary>
/// TAXII collections, connector sources and their failures, for people (URLs defanged, other servers' text cleaned).
/// </summary>
internal static class TaxiiTables
{
    public static Table Collections(IEnumerable<TaxiiCollectionInfo> collections)
    {
        var table = CliOutput.Table("ID", "FOR", "TITLE", "CAN READ", "CAN WRITE", "PATH");
        foreach (var c in collections)
        {
            CliOutput.Row(table, c.Id, c.Grantee.Length == 0 ? "this nation's staff" : c.Grantee, c.Title, c.CanRead ? "yes" : "no", c.CanWrite ? "yes" : "no", c.Path);
        }

        return table;
    }

    public static Table Sources(IEnumerable<TaxiiSource> sources)
    {
        var table = CliOutput.Table("NAME", "STATE", "POSITION", "IMPORTED", "FAILED", "LAST POLL", "LAST ERROR");
        foreach (var s in sources)
        {
            CliOutput.Row(table, s.Name, Display.Name(s.State), s.AddedAfter, Display.Number(s.Imported), Display.Number(s.Failed), Display.Time(s.LastPoll), s.LastError);
        }

        return table;
    }

    public static Table Source(TaxiiSource s)
    {
        var table = CliOutput.Table("FIELD", "VALUE");
        CliOutput.Row(table, "name", s.Name);
        CliOutput.Row(table, "collection", Defang.Text(s.CollectionUrl));
        CliOutput.Row(table, "authentication", s.Authentication);
        CliOutput.Row(table, "CA", s.CustomCa ? "its own" : "the system's roots");
        CliOutput.Row(table, "poll interval", Display.Duration(s.PollInterval));
        CliOutput.Row(table, "state", Display.Name(s.State));
        CliOutput.Row(table, "position", s.AddedAfter);
        CliOutput.Row(table, "imported", Display.Number(s.Imported));
        CliOutput.Row(table, "failed", Display.Number(s.Failed));
        CliOutput.Row(table, "last poll", Display.Time(s.LastPoll));
        CliOutput.Row(table, "last error", s.LastError);
        CliOutput.Row(table, "added by", s.AddedBy);
        CliOutput.Row(table, "added", Display.Time(s.Added));
        return table;
    }

    public static Table Failures(IEnumerable<TaxiiImportFailure> failures)
    {
        var table = CliOutput.Table("AT", "STIX ID", "VERSION", "REASON");
        foreach (var f in failures)
        {
            CliOutput.Row(table, Display.Time(f.At), f.StixId, f.Version, f.Reason);
        }

        return table;
    }
}
