using System.Collections.Concurrent;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>One version of one indicator: its origin nation, id and version number.</summary>
internal readonly record struct VersionKey(string Origin, string Id, ulong Version);

/// <summary>A version the benchmark stored at its origin, with the Stopwatch timestamps of its Submit call.</summary>
internal sealed record SubmittedVersion(VersionKey Key, IndicatorSubmission Content, long Started, long Returned, bool Measured);

/// <summary>
/// What was submitted and what each node's feed showed, as it happened: the benchmark's bookkeeping. Safe for the
/// submitters and the feed followers to write at once; <see cref="DeliveryAccounting"/> reads it at the end.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<VersionKey, SubmittedVersion> _submitted = new();
    private readonly Dictionary<string, NodeFeed> _feeds;

    public DeliveryLedger(IEnumerable<string> nations) =>
        _feeds = nations.ToDictionary(n => n, _ => new NodeFeed(), StringComparer.Ordinal);

    public IReadOnlyDictionary<VersionKey, SubmittedVersion> Submitted => _submitted;

    public IReadOnlyDictionary<string, NodeFeed> Feeds => _feeds;

    public void RecordSubmitted(SubmittedVersion version) => _submitted[version.Key] = version;

    /// <summary>A feed event at <paramref name="nation"/>, read at <paramref name="timestamp"/>.</summary>
    public void RecordArrival(string nation, VersionKey key, long timestamp, bool carriesRedactedField) =>
        _feeds[nation].Record(key, timestamp, carriesRedactedField);

    /// <summary>One node's feed: the first arrival of each version, and how often a version came again.</summary>
    internal sealed class NodeFeed
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<VersionKey, long> _arrivals = [];
        private readonly HashSet<VersionKey> _withRedactedField = [];
        private int _repeats;
        private long _events;

        public int Repeats
        {
            get
            {
                lock (_gate)
                {
                    return _repeats;
                }
            }
        }

        public long Events => Interlocked.Read(ref _events);

        public void Record(VersionKey key, long timestamp, bool carriesRedactedField)
        {
            lock (_gate)
            {
                _events++;
                if (!_arrivals.TryAdd(key, timestamp))
                {
                    _repeats++;
                }

                if (carriesRedactedField)
                {
                    _withRedactedField.Add(key);
                }
            }
        }

        /// <summary>A copy of the arrivals so far (version, first arrival) and the versions that carried a redacted field.</summary>
        public (Dictionary<VersionKey, long> Arrivals, HashSet<VersionKey> WithRedactedField) Snapshot()
        {
            lock (_gate)
            {
                return (new Dictionary<VersionKey, long>(_arrivals), [.. _withRedactedField]);
            }
        }

        public bool Has(VersionKey key)
        {
            lock (_gate)
            {
                return _arrivals.ContainsKey(key);
            }
        }
    }
}
