using System.Diagnostics;
using System.Text.Json;
using CyberPledge.AppHost.Processes;

namespace CyberPledge.AppHost.Run;

/// <summary>
/// processes.json in the run directory: each service's current process id, rewritten at every start and exit, so a
/// script or test can find one (and kill it to see AppHost start it again). It also lets a later run end services
/// that an AppHost killed without its shutdown (SIGKILL) left behind.
/// </summary>
internal sealed class ProcessesFile(string path, IReadOnlyList<SupervisedProcess> processes)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Lock _lock = new();

    public void Write()
    {
        var document = processes.GroupBy(p => p.Launch.Nation).ToDictionary(
            node => node.Key,
            node => node.ToDictionary(p => p.Launch.Kind.Name(), p => p.ProcessId));
        lock (_lock)
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(document, Indented));
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Ends the services a previous AppHost on <paramref name="runDirectory"/> left running; returns how many.</summary>
    public static int EndLeftovers(string path, string runDirectory)
    {
        if (!File.Exists(path) || !OperatingSystem.IsLinux())
        {
            return 0;
        }
        Dictionary<string, Dictionary<string, int?>>? document;
        try
        {
            document = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int?>>>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return 0;
        }
        var ended = 0;
        foreach (var id in document?.Values.SelectMany(node => node.Values).OfType<int>() ?? [])
        {
            // Only a process whose command line names this run directory: the id may belong to anything by now.
            var commandLine = $"/proc/{id}/cmdline";
            if (!File.Exists(commandLine) || !File.ReadAllText(commandLine).Contains(runDirectory, StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
                ended++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }
        return ended;
    }
}
