using System.Net;
using System.Net.Sockets;

namespace CyberPledge.Gateway.Taxii;

/// <summary>
/// Failed Basic sign-ins per source (SECURITY.md rule 10), counted before anything is hashed: a source with
/// <c>MaxFailures</c> failed or pending checks in its window is refused until the window ends. Pending checks count,
/// so concurrent guesses cannot run past the limit. A source is an IPv4 address or an IPv6 /64 (one host's usual
/// share). The table is bounded: when it is full of live sources, new sources are refused too (deny by default).
/// </summary>
internal sealed class FailedSignIns(TaxiiBasicOptions options, TimeProvider time)
{
    private const int MaxSources = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);

    /// <summary>The key a remote address is counted under.</summary>
    public static string SourceOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Starts a check for <paramref name="source"/>, or says how long it must wait. Every started check must be ended.</summary>
    public bool TryBegin(string source, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_sources.TryGetValue(source, out var entry))
            {
                if (_sources.Count >= MaxSources && !Prune(now))
                {
                    retryAfter = options.FailureWindow;
                    return false;
                }

                entry = new Source { WindowStart = now };
                _sources[source] = entry;
            }

            entry.Roll(now, options.FailureWindow);
            if (entry.Failures + entry.Pending >= options.MaxFailures)
            {
                retryAfter = entry.WindowStart + options.FailureWindow - now;
                return false;
            }

            entry.Pending++;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Ends a check that <see cref="TryBegin"/> started; a failure counts in the source's window.</summary>
    public void End(string source, bool failed)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_sources.TryGetValue(source, out var entry))
            {
                return;
            }

            entry.Pending--;
            entry.Roll(now, options.FailureWindow);
            if (failed)
            {
                entry.Failures++;
            }

            if (entry is { Failures: 0, Pending: 0 })
            {
                _sources.Remove(source);
            }
        }
    }

    private bool Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _sources)
        {
            if (entry.Pending == 0 && now - entry.WindowStart >= options.FailureWindow)
            {
                _sources.Remove(key);
            }
        }

        return _sources.Count < MaxSources;
    }

    private sealed class Source
    {
        public int Failures { get; set; }

        public int Pending { get; set; }

        public DateTimeOffset WindowStart { get; set; }

        /// <summary>A window that has passed starts again empty (pending checks stay).</summary>
        public void Roll(DateTimeOffset now, TimeSpan window)
        {
            if (now - WindowStart >= window)
            {
                Failures = 0;
                WindowStart = now;
            }
        }
    }
}
