using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>A real child process whose output the test reads; killed (with its children) on dispose.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, line) => child.Receive(line.Data, isStdout: true);
        process.ErrorDataReceived += (_, line) => child.Receive(line.Data, isStdout: false);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a stdout line matching <paramref name="pattern"/>; fails with the output on timeout or exit.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _stdoutLines.Reader.ReadAllAsync(cancellation.Token))
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{Describe()} printed no line matching '{pattern}' within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }
        throw new InvalidOperationException($"{Describe()} exited with code {_process.ExitCode} before printing a line matching '{pattern}'. Output:\n{Output}");
    }

    /// <summary>Waits for the process to exit; on timeout it is killed and this fails with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await KillAsync();
            throw new TimeoutException($"{Describe()} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var cancellation = new CancellationTokenSource(KillTimeout);
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    private void Receive(string? line, bool isStdout)
    {
        if (line is null)
        {
            if (isStdout)
            {
                _stdoutLines.Writer.TryComplete();
            }
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (isStdout)
        {
            _stdoutLines.Writer.TryWrite(line);
        }
    }

    private string Describe() => $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)}";
}
