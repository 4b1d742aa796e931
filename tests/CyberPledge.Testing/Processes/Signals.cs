using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CyberPledge.Testing.Processes;

/// <summary>SIGTERM, which .NET's Process cannot send (its Kill is SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to shut down; on Windows, which has no SIGTERM, it is killed instead.</summary>
    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }
        if (Kill(process.Id, SigTerm) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            // ESRCH: it exited meanwhile, which is what was asked for.
            if (error != 3)
            {
                throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {error}.");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
