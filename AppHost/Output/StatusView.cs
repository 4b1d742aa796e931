using System.Globalization;
using CyberPledge.AppHost.Processes;
using CyberPledge.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CyberPledge.AppHost.Output;

/// <summary>The status table: one row per node (its services, feed, links, counts and lag), and the links in detail for a small federation.</summary>
internal static class StatusView
{
    private const int DetailedLinksUpTo = 8;

    public static IRenderable Render(string title, IReadOnlyList<NodeStatus> nodes, IReadOnlyList<string> recentLogs)
    {
        var rows = new List<IRenderable> { new Markup($"[bold]{TerminalText.Markup(title)}[/]"), Nodes(nodes) };
        if (nodes.Count <= DetailedLinksUpTo)
        {
            rows.Add(Links(nodes));
        }
        if (recentLogs.Count > 0)
        {
            rows.Add(new Panel(new Markup(string.Join('\n', recentLogs))) { Header = new PanelHeader("latest log lines (all in the run directory's logs/)"), Expand = true });
        }
        return new Rows(rows);
    }

    private static Table Nodes(IReadOnlyList<NodeStatus> nodes)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("node", "tier", "indicators", "partners", "federation", "gateway", "feed", "links in", "links out", "applied", "rejected", "lag");
        foreach (var node in nodes)
        {
            var inbound = node.Links?.Where(l => l.Direction == LinkDirection.Inbound).ToList();
            var outbound = node.Links?.Where(l => l.Direction == LinkDirection.Outbound).ToList();
            string Cell(ServiceKind kind) => Service(node.Services.First(s => s.Kind == kind));
            table.AddRow(
                $"[bold]{node.Nation}[/]",
                node.Tier == Tier.Ally ? "ally" : "partner",
                Cell(ServiceKind.Indicators), Cell(ServiceKind.Partners), Cell(ServiceKind.Federation), Cell(ServiceKind.Gateway),
                node.FeedSequence?.ToString(CultureInfo.InvariantCulture) ?? "-",
                inbound is null ? "-" : $"{inbound.Count(l => l.State == LinkState.Connected)}/{inbound.Count}",
                outbound is null ? "-" : outbound.Count(l => l.State == LinkState.Connected).ToString(CultureInfo.InvariantCulture),
                inbound is null ? "-" : inbound.Aggregate(0UL, (sum, l) => sum + l.Applied).ToString(CultureInfo.InvariantCulture),
                inbound is null ? "-" : Rejected(inbound.Aggregate(0UL, (sum, l) => sum + l.Rejected)),
                inbound is null || inbound.Count == 0 ? "-" : Lag(inbound.Max(l => l.Lag?.ToTimeSpan() ?? TimeSpan.Zero)));
        }
        return table;
    }

    private static Table Links(IReadOnlyList<NodeStatus> nodes)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("link", "state", "position", "lag", "received", "applied", "ignored", "rejected", "last error");
        foreach (var node in nodes)
        {
            foreach (var link in (node.Links ?? []).OrderBy(l => l.Direction).ThenBy(l => l.Nation, StringComparer.Ordinal))
            {
                var arrow = link.Direction == LinkDirection.Inbound ? $"{link.Nation} → {node.Nation}" : $"{node.Nation} → {link.Nation}";
                table.AddRow(
                    TerminalText.Markup(arrow) + (link.Direction == LinkDirection.Outbound ? " [grey](served)[/]" : ""),
                    State(link.State),
                    link.Position.ToString(CultureInfo.InvariantCulture),
                    Lag(link.Lag?.ToTimeSpan() ?? TimeSpan.Zero),
                    link.Received.ToString(CultureInfo.InvariantCulture),
                    link.Applied.ToString(CultureInfo.InvariantCulture),
                    link.Ignored.ToString(CultureInfo.InvariantCulture),
                    Rejected(link.Rejected),
                    TerminalText.Markup(link.LastError.Length > 60 ? link.LastError[..60] + "…" : link.LastError));
            }
        }
        return table;
    }

    private static string Service(ServiceStatus service)
    {
        var text = (service.State, service.Healthy) switch
        {
            (ProcessState.Running, true) => "[green]up[/]",
            (ProcessState.Running, _) => "[yellow]not serving[/]",
            (ProcessState.Starting, _) => "[yellow]starting[/]",
            (ProcessState.Restarting, _) => "[red]restarting[/]",
            (ProcessState.Failed, _) => "[red]failed[/]",
            (var state, _) => $"[grey]{state.ToString().ToLowerInvariant()}[/]",
        };
        return service.Restarts > 0 ? $"{text} [grey]↻{service.Restarts}[/]" : text;
    }

    private static string State(LinkState state) => state switch
    {
        LinkState.Connected => "[green]connected[/]",
        LinkState.Connecting => "[yellow]connecting[/]",
        LinkState.BackingOff => "[yellow]backing off[/]",
        LinkState.Disabled => "[red]disabled[/]",
        _ => "[grey]closed[/]",
    };

    private static string Rejected(ulong count) => count == 0 ? "0" : $"[red]{count}[/]";

    private static string Lag(TimeSpan lag) => lag.TotalSeconds < 10
        ? lag.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : lag.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>One line for plain output (no terminal): enough to see a federation come up and catch up.</summary>
    public static string Summary(IReadOnlyList<NodeStatus> nodes) => string.Join("  ", nodes.Select(n =>
    {
        var up = n.Services.Count(s => s.State == ProcessState.Running && s.Healthy == true);
        var inbound = n.Links?.Where(l => l.Direction == LinkDirection.Inbound).ToList() ?? [];
        return $"{n.Nation} {up}/4 up feed={n.FeedSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"} in={inbound.Count(l => l.State == LinkState.Connected)}/{inbound.Count}";
    }));
}
