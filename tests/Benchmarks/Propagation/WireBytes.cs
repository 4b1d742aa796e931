using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// The bytes on the links' TCP connections, from the kernel's per-socket counters (<c>ss -tinp</c>: tcp_info's
/// bytes_acked and bytes_received, i.e. TLS records as sent, without TCP/IP headers). A link is a connection to one of
/// the gateways' ports from another process than this benchmark (a Federation process subscribing).
/// </summary>
internal static partial class WireBytes
{
    /// <summary>Bytes both ways so far, per link connection (local port, remote port).</summary>
    public static async Task<Dictionary<(int Local, int Remote), long>> SampleAsync(IReadOnlySet<int> gatewayPorts)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-tinpH", "state", "established"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("ss did not start");
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return Parse(output, gatewayPorts, Environment.ProcessId);
    }

    /// <summary>The link connections' byte counts in <c>ss -tinpH state established</c> output, leaving out <paramref name="own"/>'s.</summary>
    public static Dictionary<(int Local, int Remote), long> Parse(string output, IReadOnlySet<int> gatewayPorts, int own)
    {
        var sockets = new Dictionary<(int, int), long>();
        (int Local, int Remote)? current = null;
        foreach (var line in output.Split('\n'))
        {
            var endpoints = Endpoints().Match(line);
            if (endpoints.Success)
            {
                var remote = int.Parse(endpoints.Groups["remote"].Value, CultureInfo.InvariantCulture);
                var pid = Pid().Match(line);
                var ours = pid.Success && int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture) == own;
                current = gatewayPorts.Contains(remote) && !ours ? (int.Parse(endpoints.Groups["local"].Value, CultureInfo.InvariantCulture), remote) : null;
                continue;
            }

            if (current is { } key)
            {
                sockets[key] = Counter(BytesAcked(), line) + Counter(BytesReceived(), line);
                current = null;
            }
        }

        return sockets;
    }

    /// <summary>Bytes moved between two samples (a connection opened in between counts from zero).</summary>
    public static long Between(Dictionary<(int, int), long> before, Dictionary<(int, int), long> after) =>
        after.Sum(s => s.Value - (before.TryGetValue(s.Key, out var was) && was <= s.Value ? was : 0));

    private static long Counter(Regex pattern, string line)
    {
        var match = pattern.Match(line);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    // .NET connects with dual-mode IPv6 sockets, which ss shows as [::ffff:127.0.0.1]:port.
    [GeneratedRegex(@"(?:\[::ffff:)?127\.0\.0\.1\]?:(?<local>\d+)\s+(?:\[::ffff:)?127\.0\.0\.1\]?:(?<remote>\d+)")]
    private static partial Regex Endpoints();

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex Pid();

    [GeneratedRegex(@"bytes_acked:(\d+)")]
    private static partial Regex BytesAcked();

    [GeneratedRegex(@"bytes_received:(\d+)")]
    private static partial Regex BytesReceived();
}
