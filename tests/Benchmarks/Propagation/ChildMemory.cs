using System.Globalization;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>The resident memory of this benchmark's child processes (the nodes' services), from /proc.</summary>
internal static class ChildMemory
{
    /// <summary>(processes, total resident bytes, largest resident bytes) of the direct children of this process.</summary>
    public static (int Count, long Total, long Largest) Sample()
    {
        var own = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        int count = 0;
        long total = 0, largest = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var status = File.ReadAllLines(Path.Combine(directory, "status"));
                var parent = Field(status, "PPid:");
                if (parent != own)
                {
                    continue;
                }

                var kilobytes = long.Parse(Field(status, "VmRSS:")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] ?? "0", CultureInfo.InvariantCulture);
                count++;
                total += kilobytes * 1024;
                largest = Math.Max(largest, kilobytes * 1024);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not a process, or one that ended while it was read.
            }
        }

        return (count, total, largest);
    }

    private static string? Field(string[] status, string name) =>
        status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim();
}
