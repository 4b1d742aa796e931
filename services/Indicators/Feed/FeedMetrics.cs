using System.Diagnostics.Metrics;

namespace CyberPledge.Indicators.Feed;

/// <summary>
/// The change feed's instrument (meter <c>CyberPledge.Indicators</c>): how many committed versions a Watch stream is
/// behind the feed's end when it sends one, so a slow or catching-up reader shows.
/// </summary>
internal static class FeedMetrics
{
    private static readonly Meter Meter = new("CyberPledge.Indicators");
    private static readonly Histogram<long> Lag = Meter.CreateHistogram<long>(
        "cyberpledge.feed.lag", "{version}", "Versions committed after the one a Watch stream sends");

    public static void RecordLag(ulong versionsBehind)
    {
        if (Lag.Enabled)
        {
            Lag.Record((long)Math.Min(versionsBehind, long.MaxValue));
        }
    }
}
