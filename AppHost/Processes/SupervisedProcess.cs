using System.Diagnostics;
using CyberPledge.AppHost.Output;

namespace CyberPledge.AppHost.Processes;

/// <summary>
/// One service process under supervision: started as <c>dotnet ASSEMBLY ...</c>, its output passed to the log sink
/// line by line, started again with <see cref="RestartBackoff"/> whenever it exits without being asked to (a crash,
/// a SIGKILL), and stopped with SIGTERM (then SIGKILL after a grace period) when the run ends.
/// </summary>
internal sealed class SupervisedProcess
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly LogSink _logs;
    private readonly RestartBackoff _backoff = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public SupervisedProcess(ServiceLaunch launch, LogSink logs)
    {
        Launch = launch;
        _logs = logs;
    }

    public ServiceLaunch Launch { get; }

    public ProcessState State { get; private set; } = ProcessState.NotStarted;

    /// <summary>The running process's id, else null.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>How often it was started again after a crash.</summary>
    public int Restarts { get; private set; }

    /// <summary>Why it last stopped unasked (exit code), for the status table.</summary>
    public string? LastExit { get; private set; }

    /// <summary>Raised when the process id changes (started, exited).</summary>
    public event Action? Changed;

    /// <summary>Completes once the current process printed its listening line.</summary>
    public Task Listening
    {
        get
        {
            lock (_lock)
            {
                return _listening.Task;
            }
        }
    }

    /// <summary>
    /// Runs the process, and again after each crash, until <paramref name="stop"/>; then stops it. Once
    /// <paramref name="shuttingDown"/> is set an exit is not a crash (the whole run stops, this service's turn may
    /// not have come yet) and nothing is started again.
    /// </summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken shuttingDown)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            Process process;
            try
            {
                process = Start();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                _logs.Supervisor(Launch, $"could not start: {e.Message}", error: true);
                State = ProcessState.Failed;
                return;
            }

            try
            {
                await process.WaitForExitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process).ConfigureAwait(false);
                return;
            }
            finally
            {
                Exited();
            }

            // Ctrl+C in a terminal reaches the services too (one process group): an exit that comes with the stop is no crash.
            if (await StoppingAsync(shuttingDown).ConfigureAwait(false))
            {
                process.Dispose();
                break;
            }

            var delay = _backoff.NextDelay(started.Elapsed);
            LastExit = $"exit {process.ExitCode}";
            State = ProcessState.Restarting;
            _logs.Supervisor(Launch, $"exited unasked (code {process.ExitCode}) after {started.Elapsed.TotalSeconds:0.#} s; starting again in {delay.TotalSeconds:0.#} s", error: true);
            process.Dispose();
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, shuttingDown);
                await Task.Delay(delay, either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            Restarts++;
        }
        State = ProcessState.Stopped;
    }

    private Process Start()
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path, [Launch.Assembly, .. Launch.Arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(Launch.Assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Launch.Environment)
        {
            startInfo.Environment[name] = value;
        }
        var listeningLine = Launch.Kind.Name() + ": listening on ";
        var process = new Process { StartInfo = startInfo };
        lock (_lock)
        {
            if (_listening.Task.IsCompleted)
            {
                _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        var listening = _listening;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            if (e.Data.StartsWith(listeningLine, StringComparison.Ordinal))
            {
                State = ProcessState.Running;
                listening.TrySetResult();
            }
            _logs.Line(Launch, e.Data, error: false);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _logs.Line(Launch, e.Data, error: true);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        State = ProcessState.Starting;
        ProcessId = process.Id;
        _process = process;
        Changed?.Invoke();
        return process;
    }

    private static async Task<bool> StoppingAsync(CancellationToken shuttingDown)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), shuttingDown).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private void Exited()
    {
        ProcessId = null;
        _process = null;
        Changed?.Invoke();
    }

    private async Task StopAsync(Process process)
    {
        State = ProcessState.Stopping;
        if (!process.HasExited)
        {
            Signals.Terminate(process);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _logs.Supervisor(Launch, $"did not stop within {StopGrace.TotalSeconds:0} s of SIGTERM: killed", error: true);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        State = ProcessState.Stopped;
        process.Dispose();
    }
}

/// <summary>Where a supervised process stands.</summary>
internal enum ProcessState
{
    NotStarted,
    Starting,
    Running,
    Restarting,
    Stopping,
    Stopped,
    Failed,
}
