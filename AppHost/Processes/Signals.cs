using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CyberPledge.AppHost.Processes;

/// <summary>SIGTERM, which .NET's Process cannot send (its Kill is SIGKILL): the services shut down cleanly on it.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }
        // A failure (ESRCH: it exited meanwhile) leaves nothing to do.
        _ = Kill(process.Id, SigTerm);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
