using System.Text.RegularExpressions;

namespace CyberPledge.Testing;

// The waits on what the process prints on stdout; the rest is in ChildProcess.cs.
public sealed partial class ChildProcess
{
    /// <summary>Waits for a stdout line matching <paramref name="pattern"/>; fails with the output on timeout or exit.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The process closed its stdout (exited) first.</exception>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _output.StdoutLines.ReadAllAsync(cancellation.Token).ConfigureAwait(false))
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }
            // Stdout closes just before the exit is reaped: give the exit a moment so its code can be reported.
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{Describe()} printed no line matching '{pattern}' within {timeout.TotalSeconds:0.#} s. Output:\n{Output}");
        }
        throw new InvalidOperationException($"{Describe()} exited with code {_process.ExitCode} before printing a line matching '{pattern}'. Output:\n{Output}");
    }

    /// <summary>
    /// Waits for the line a server prints once it accepts calls, <c>listening on ADDRESS</c>, optionally after a
    /// <c>service: </c> prefix (the interop servers' <c>listening on 127.0.0.1:PORT</c>, the services'
    /// <c>indicators: listening on http://127.0.0.1:PORT</c>); returns the address, also kept in <see cref="Address"/>.
    /// </summary>
    public async Task<Uri> WaitForListeningAsync(TimeSpan timeout)
    {
        var match = await WaitForLineAsync(ListeningLine(), timeout).ConfigureAwait(false);
        var address = match.Groups["address"].Value;
        _address = new Uri(address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address);
        return _address;
    }

    [GeneratedRegex(@"^(?:[\w.-]+: )?listening on (?<address>\S+)$")]
    private static partial Regex ListeningLine();
}
