using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CyberPledge.Storage.Internal;

/// <summary>
/// The writers' instruments (meter <c>CyberPledge.Storage</c>, exported by ServiceDefaults with every CyberPledge meter):
/// how long a group commit takes, durable fsync included, and how many works it carried.
/// </summary>
internal static class StoreMetrics
{
    private static readonly Meter Meter = new("CyberPledge.Storage");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "cyberpledge.store.commit.duration", "ms", "Time of one group commit, from BEGIN to a durable COMMIT");
    private static readonly Histogram<int> CommitWorks = Meter.CreateHistogram<int>(
        "cyberpledge.store.commit.works", "{work}", "Works carried by one group commit");

    public static void RecordCommit(string writer, TimeSpan duration, int works)
    {
        if (CommitDuration.Enabled)
        {
            var tags = new TagList { { "writer", writer } };
            CommitDuration.Record(duration.TotalMilliseconds, tags);
            CommitWorks.Record(works, tags);
        }
    }
}
