using System.Diagnostics;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>What the feeds showed against what the scenario allows.</summary>
/// <param name="Expected">(version, node) pairs the rules allow, the origin's own node not counted.</param>
/// <param name="Delivered">Of those, the ones that arrived.</param>
/// <param name="Lost">Allowed but never seen.</param>
/// <param name="Duplicates">Versions a node's feed showed more than once (stored twice).</param>
/// <param name="Leaked">Versions at a node the rules do not allow, or carrying a field its agreements redact.</param>
/// <param name="Unknown">Versions seen at a node that the benchmark never saw stored at their origin (counted in leaked).</param>
/// <param name="Remote">Latencies (ms) of the measured versions at the allowed nodes, from the Submit call's return.</param>
/// <param name="RemoteFromCall">The same from the Submit call's start.</param>
/// <param name="Local">Latencies (ms) of the measured versions on their origin's own feed, from the Submit call's start.</param>
internal sealed record DeliveryReport(
    long Expected, long Delivered, long Lost, long Duplicates, long Leaked, long Unknown, double[] Remote, double[] RemoteFromCall, double[] Local);

/// <summary>Counts lost, duplicated and leaked versions and collects the latencies, from a <see cref="DeliveryLedger"/>.</summary>
internal static class DeliveryAccounting
{
    public static DeliveryReport Account(Topology topology, DeliveryLedger ledger)
    {
        var feeds = ledger.Feeds.ToDictionary(f => f.Key, f => f.Value.Snapshot(), StringComparer.Ordinal);
        long expected = 0, delivered = 0, lost = 0, leaked = 0, unknown = 0;
        var remote = new List<double>();
        var remoteFromCall = new List<double>();
        var local = new List<double>();
        foreach (var version in ledger.Submitted.Values)
        {
            var recipients = Expectation.Recipients(topology, version.Key.Origin, version.Content);
            foreach (var (nation, feed) in feeds)
            {
                var arrived = feed.Arrivals.TryGetValue(version.Key, out var at);
                if (nation == version.Key.Origin)
                {
                    if (arrived && version.Measured)
                    {
                        local.Add(Milliseconds(at - version.Started));
                    }

                    continue;
                }

                var allowed = recipients.Contains(nation);
                expected += allowed ? 1 : 0;
                if (allowed && arrived)
                {
                    delivered++;
                    if (version.Measured)
                    {
                        remote.Add(Milliseconds(at - version.Returned));
                        remoteFromCall.Add(Milliseconds(at - version.Started));
                    }
                }
                else if (allowed)
                {
                    lost++;
                }
                else if (arrived || feed.WithRedactedField.Contains(version.Key))
                {
                    leaked++;
                }

                if (allowed && feed.WithRedactedField.Contains(version.Key))
                {
                    leaked++;
                }
            }
        }

        foreach (var (nation, feed) in feeds)
        {
            foreach (var key in feed.Arrivals.Keys)
            {
                if (key.Origin != nation && !ledger.Submitted.ContainsKey(key))
                {
                    unknown++;
                }
            }
        }

        var duplicates = ledger.Feeds.Values.Sum(f => (long)f.Repeats);
        return new DeliveryReport(expected, delivered, lost, duplicates, leaked + unknown, unknown, [.. remote], [.. remoteFromCall], [.. local]);
    }

    /// <summary>The value at <paramref name="fraction"/> of the sorted samples (nearest rank); NaN when there are none.</summary>
    public static double Percentile(double[] samples, double fraction)
    {
        if (samples.Length == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
