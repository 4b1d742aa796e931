using System.Globalization;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>One service process of a node: its kind (Indicators, Partners, Federation, Gateway), resident bytes and CPU time.</summary>
internal readonly record struct ServiceProcess(int Pid, string Kind, long ResidentBytes, double CpuSeconds);

/// <summary>The benchmark's child processes (the nodes' services), read from /proc: memory and CPU time by kind.</summary>
internal static class NodeProcesses
{
    /// <summary>Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    private static readonly string[] Kinds = ["Indicators", "Partners", "Federation", "Gateway"];

    /// <summary>The direct children of this process.</summary>
    public static List<ServiceProcess> Sample()
    {
        var own = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var children = new List<ServiceProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var status = File.ReadAllLines(Path.Combine(directory, "status"));
                if (Field(status, "PPid:") != own)
                {
                    continue;
                }

                var kilobytes = long.Parse(Field(status, "VmRSS:")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] ?? "0", CultureInfo.InvariantCulture);
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                var kind = Kinds.FirstOrDefault(k => commandLine.Contains($"CyberPledge.{k}.dll", StringComparison.Ordinal)) ?? "other";
                children.Add(new ServiceProcess(int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture), kind, kilobytes * 1024, CpuSeconds(directory)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not a process, or one that ended while it was read.
            }
        }

        return children;
    }

    /// <summary>CPU seconds used by each kind between two samples (processes matched by id).</summary>
    public static Dictionary<string, double> CpuBetween(List<ServiceProcess> before, List<ServiceProcess> after)
    {
        var earlier = before.ToDictionary(p => p.Pid, p => p.CpuSeconds);
        return after.GroupBy(p => p.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.CpuSeconds - earlier.GetValueOrDefault(p.Pid)), StringComparer.Ordinal);
    }

    /// <summary>This process's own CPU seconds so far.</summary>
    public static double OwnCpuSeconds() => CpuSeconds("/proc/self");

    public static string Describe(List<ServiceProcess> processes) => string.Create(CultureInfo.InvariantCulture,
        $"{processes.Count} node processes resident {processes.Sum(p => p.ResidentBytes) / 1048576.0:F0} MB (largest {processes.Select(p => p.ResidentBytes).DefaultIfEmpty().Max() / 1048576.0:F0} MB)");

    private static double CpuSeconds(string directory)
    {
        // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th of the line.
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static string? Field(string[] status, string name) =>
        status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim();
}
