using System.Diagnostics.Metrics;
using CyberPledge.V1;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Versioning;

/// <summary>
/// The alert SECURITY.md rule 8 asks for when a foreign version is quarantined: a warning in the log and the counter
/// <c>cyberpledge.indicators.quarantined</c> (meter <c>CyberPledge.Indicators</c>, tagged with the outcome), for an
/// alerting rule to watch.
/// </summary>
internal static partial class QuarantineAlerts
{
    private static readonly Meter Meter = new("CyberPledge.Indicators");
    private static readonly Counter<long> Quarantined = Meter.CreateCounter<long>(
        "cyberpledge.indicators.quarantined", "{version}", "Foreign versions kept as evidence instead of applied (equivocation, version jump)");

    public static void Raise(ILogger logger, ForeignItem item, ApplyOutcome outcome, ulong storedVersion)
    {
        if (outcome is not (ApplyOutcome.Equivocation or ApplyOutcome.Quarantined))
        {
            return;
        }

        Quarantined.Add(1, new KeyValuePair<string, object?>("outcome", outcome == ApplyOutcome.Equivocation ? "equivocation" : "version_jump"));
        var version = item.Version;
        if (outcome == ApplyOutcome.Equivocation)
        {
            Equivocation(logger, version.Origin.Nation, version.Origin.NodeId, version.Id, version.Version, Convert.ToHexStringLower(item.Received.LeafDigest));
        }
        else
        {
            VersionJump(logger, version.Origin.Nation, version.Origin.NodeId, version.Id, version.Version, storedVersion);
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "Equivocation: {Nation}/{NodeId} indicator {Id} version {Version} received with leaf digest {LeafDigest}, unlike the stored copy; both kept, indicator quarantined.")]
    private static partial void Equivocation(ILogger logger, string nation, string nodeId, string id, ulong version, string leafDigest);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
        Message = "Version jump: {Nation}/{NodeId} indicator {Id} version {Version} received while {StoredVersion} is stored; kept as evidence, not applied, indicator quarantined.")]
    private static partial void VersionJump(ILogger logger, string nation, string nodeId, string id, ulong version, ulong storedVersion);
}
