using System.Diagnostics.Metrics;
using CyberPledge.Indicators.Versioning;
using CyberPledge.V1;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// What the log and the metrics show of screening (SECURITY.md rule 4): the counters
/// <c>cyberpledge.indicators.flagged</c> and <c>cyberpledge.indicators.refused</c> (meter <c>CyberPledge.Indicators</c>),
/// one information line per apply call that flagged or refused anything (never one per version: a feed full of
/// private addresses must not flood the log), and one per analyst review.
/// </summary>
internal static partial class WarningAlerts
{
    private static readonly Meter Meter = new("CyberPledge.Indicators");
    private static readonly Counter<long> Flagged = Meter.CreateCounter<long>(
        "cyberpledge.indicators.flagged", "{version}", "Foreign versions stored flagged by a warning list or an inbound rule");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "cyberpledge.indicators.refused", "{version}", "Foreign versions the inbound rules for their origin refused");

    public static void Raise(ILogger logger, IReadOnlyList<ForeignItem> items, IReadOnlyList<ApplyForeignVersionResponse> results)
    {
        int flagged = 0, refused = 0;
        ForeignItem? first = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (results[i].Flagged || results[i].Outcome == ApplyOutcome.Refused)
            {
                first ??= items[i];
                flagged += results[i].Flagged ? 1 : 0;
                refused += results[i].Outcome == ApplyOutcome.Refused ? 1 : 0;
            }
        }

        if (first is null)
        {
            return;
        }

        Flagged.Add(flagged);
        Refused.Add(refused);
        var version = first.Version;
        var what = first.Screening.Refusal ?? string.Join(", ", first.Screening.Matches.Select(m => $"{m.List} {m.Entry}"));
        Screened(logger, flagged, refused, items.Count, version.Origin.Nation, version.Id, version.Version, what);
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "Screening: {Flagged} flagged and {Refused} refused of {Count} foreign versions; first {Nation} indicator {Id} version {Version}: {What}.")]
    private static partial void Screened(ILogger logger, int flagged, int refused, int count, string nation, string id, ulong version, string what);

    /// <summary>One line per Import call that flagged or refused anything (imported data is screened as foreign versions are).</summary>
    public static void Imported(ILogger logger, int flagged, int refused, int count)
    {
        if (flagged + refused == 0)
        {
            return;
        }

        Flagged.Add(flagged);
        Refused.Add(refused);
        ImportScreened(logger, flagged, refused, count);
    }

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Screening: {Flagged} flagged and {Refused} refused of {Count} imported objects.")]
    private static partial void ImportScreened(ILogger logger, int flagged, int refused, int count);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Imported indicator {Id} promoted by {Promoter} (version {Version}).")]
    public static partial void Promoted(ILogger logger, string id, ulong version, string promoter);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information,
        Message = "Warning flag of indicator {Id} version {Version} set {State} by {Reviewer}.")]
    public static partial void Reviewed(ILogger logger, string id, ulong version, WarningState state, string reviewer);
}
