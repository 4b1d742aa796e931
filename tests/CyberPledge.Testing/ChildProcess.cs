using System.Diagnostics;
using CyberPledge.Testing.Processes;

namespace CyberPledge.Testing;

/// <summary>
/// A real child process whose output the test reads: stdout and stderr captured line by line, a wait for a
/// stdout line, SIGKILL or SIGTERM on request; disposing kills the whole process tree. Every wait is bounded.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    /// <summary>How long a kill may take before the process is given up on (disposal never hangs a test).</summary>
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ProcessOutput _output = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _address;

    private ChildProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as received.</summary>
    public string Output => _output.All;

    /// <summary>What the process wrote to stdout so far.</summary>
    public string StandardOutput => _output.StandardOutput;

    /// <summary>
    /// Reads and drops what the process writes from now on instead of keeping it: for a benchmark whose server logs a
    /// line per call (its output would otherwise grow without bound in this process).
    /// </summary>
    public void DiscardFurtherOutput() => _output.Discarding = true;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The address from the process's listening line (see <see cref="WaitForListeningAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">No listening line was awaited yet.</exception>
    public Uri Address => _address ?? throw new InvalidOperationException($"{Describe()} has not printed its listening line yet.");

    /// <summary>Starts <paramref name="fileName"/> (an executable on PATH or a path) with its arguments.</summary>
    /// <param name="fileName">The program, e.g. "node", "/usr/bin/python3", "/bin/sh".</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell quoting).</param>
    /// <param name="workingDirectory">Its working directory; the test's own when null.</param>
    /// <param name="environment">Variables to set in its environment (a null value removes the variable).</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The child must not read the test runner's stdin.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.OutputDataReceived += (_, line) => child._output.Receive(line.Data, isStdout: true);
        process.ErrorDataReceived += (_, line) => child._output.Receive(line.Data, isStdout: false);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Starts <c>dotnet assemblyPath arguments</c>, by default in the assembly's own folder.</summary>
    public static ChildProcess StartDotnet(
        string assemblyPath,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        // The SDK tells a test host (and dotnet run) where its dotnet is; elsewhere it is on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return Start(dotnet, [assemblyPath, .. arguments], workingDirectory ?? Path.GetDirectoryName(assemblyPath), environment);
    }

    /// <summary>Runs a program to its end and returns its stdout.</summary>
    /// <exception cref="InvalidOperationException">It exited with a non-zero code (the message holds its output).</exception>
    /// <exception cref="TimeoutException">It did not finish in time; it was killed.</exception>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        await using var child = Start(fileName, arguments, workingDirectory);
        var exitCode = await child.WaitForExitAsync(timeout).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{child.Describe()} exited with code {exitCode}. Output:\n{child.Output}");
        }
        return child.StandardOutput;
    }

    /// <summary>Waits for the process to exit; on timeout it is killed and this fails with its output.</summary>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await KillAsync(entireProcessTree: true).ConfigureAwait(false);
            throw new TimeoutException($"{Describe()} did not exit within {timeout.TotalSeconds:0.#} s. Output:\n{Output}");
        }
    }

    /// <summary>SIGKILL to the process alone: no shutdown code runs, exactly like a crash. Returns the exit code.</summary>
    public async Task<int> KillAsync()
    {
        await KillAsync(entireProcessTree: false).ConfigureAwait(false);
        return _process.HasExited ? _process.ExitCode : throw new TimeoutException($"{Describe()} did not die within {KillTimeout.TotalSeconds:0} s of SIGKILL.");
    }

    /// <summary>SIGTERM, then waits for the process to shut down; killed and failing when it takes longer than <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="timeout"/>.</exception>
    public Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Signals.Terminate(_process);
        }
        return WaitForExitAsync(timeout);
    }

    /// <summary>Kills the process and everything it started.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync(entireProcessTree: true).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task KillAsync(bool entireProcessTree)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree);
            }
            // The exit itself, not the end of its output: a grandchild that was not killed may hold the pipes open.
            await _exited.Task.WaitAsync(KillTimeout).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (TimeoutException)
        {
            // Reported by the caller (KillAsync) where it matters; disposal must not throw.
        }
    }

    private string Describe() => $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}";
}
