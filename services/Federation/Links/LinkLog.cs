using CyberPledge.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Links;

internal static partial class LinkLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Link from {Nation}: subscribed at {Endpoint} ({PeerNation} {PeerNode}, protocol {Protocol}), resuming after {Applied} applied records")]
    public static partial void Subscribed(ILogger logger, string nation, string endpoint, string peerNation, string peerNode, uint protocol, ulong applied);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Link from {Nation} failed ({Status}: {Error}); reconnecting in {DelayMs} ms")]
    public static partial void Failed(ILogger logger, string nation, StatusCode status, string error, double delayMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Link from {Nation}: versions rejected in the last window: {Counts}")]
    public static partial void Rejections(ILogger logger, string nation, string counts);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Link from {Nation} cut: {Limit} or more rejected versions within {Window}; it stays disabled until an administrator enables it")]
    public static partial void Cut(ILogger logger, string nation, int limit, TimeSpan window);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Link from {Nation}: the cut could not be stored ({Error}); it stays disabled until enabled or until the service restarts")]
    public static partial void CutNotKept(ILogger logger, string nation, string error);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Link from {Nation} enabled again by {Actor}")]
    public static partial void Enabled(ILogger logger, string nation, string actor);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Link from {Nation}: {Count} withdrawals received; {Removed} indicators left this node (no other link provides them)")]
    public static partial void Withdrawals(ILogger logger, string nation, int count, int removed);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Security: link from {Nation} delivered a version Indicators quarantined ({Outcome}): origin {OriginNation}/{OriginNode}, indicator {IndicatorId} version {Version}, path {Path}: {Reason}")]
    public static partial void Quarantined(ILogger logger, string nation, ForeignApplyOutcome outcome, string originNation, string originNode, string indicatorId, ulong version, string path, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Link from {Nation} stopped ({State})")]
    public static partial void Stopped(ILogger logger, string nation, LinkState state);
}
