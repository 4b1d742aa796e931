using CyberPledge.V1;
using Spectre.Console;

namespace CyberPledge.Cli.Output;

/// <summary>Peers and audit records, for people.</summary>
internal static class PartnerTables
{
    public static Table Peers(IEnumerable<Peer> peers)
    {
        var table = CliOutput.Table("NATION", "NAME", "TIER", "ENDPOINT", "KEYS", "CA", "PINNED", "VER", "UPDATED");
        foreach (var p in peers)
        {
            CliOutput.Row(table, p.Nation, p.Name, Display.Name(p.Tier), Defang.Text(p.Endpoint), Display.Number((ulong)p.SigningKeys.Count),
                string.IsNullOrEmpty(p.CaCertificatePem) ? "" : "yes", Short(p.PinnedCertificateSha256), Display.Number(p.Version),
                Display.Time(p.Updated ?? p.Added));
        }
        return table;
    }

    /// <summary>"revision 42: 2 peer(s): JPN v3, KOR v1", for <c>peers watch</c>.</summary>
    public static string SnapshotLine(PeerRegistrySnapshot snapshot) => TerminalText.Clean(snapshot.Peers.Count == 0
        ? $"revision {snapshot.Revision}: no peers"
        : $"revision {snapshot.Revision}: {snapshot.Peers.Count} peer(s): {string.Join(", ", snapshot.Peers.Select(p => $"{p.Nation} v{p.Version}"))}");

    public static Table Audit(IEnumerable<AuditRecord> records)
    {
        var table = CliOutput.Table("SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "GRANTEE", "HASH");
        foreach (var r in records)
        {
            CliOutput.Row(table, Display.Number(r.Sequence), Display.Time(r.At), r.Actor, r.Action, r.Subject, r.Grantee, Short(Display.Hex(r.Hash)));
        }
        return table;
    }

    /// <summary>Share records (audit actions share.*), their decision read from the record's canonical JSON.</summary>
    public static Table Shares(IEnumerable<AuditRecord> records)
    {
        var table = CliOutput.Table("SEQ", "AT", "DECISION", "ORIGIN", "INDICATOR", "VERSION", "GRANTEE", "AGREEMENT", "RULE", "REASON");
        foreach (var r in records)
        {
            var d = Google.Protobuf.JsonParser.Default.Parse<ShareDecision>(r.After);
            var agreement = d.AgreementId.Length > 0 ? $"{d.AgreementId} v{Display.Number(d.AgreementVersion)}" : "-";
            CliOutput.Row(table, Display.Number(r.Sequence), Display.Time(r.At), r.Action, $"{d.Origin?.Nation}/{d.Origin?.NodeId}", d.IndicatorId,
                Display.Number(d.Version), d.Grantee, agreement, d.Rule, d.Reason);
        }
        return table;
    }

    public static string Verification(VerifyAuditResponse v) => TerminalText.Clean(v.Valid
        ? $"audit chain valid: {v.Records} record(s)"
        : $"audit chain broken at sequence {v.FirstBrokenSequence} of {v.Records}: {v.Reason}");

    private static string Short(string hex) => hex.Length > 16 ? hex[..16] + "…" : hex;
}
