using System.Text.RegularExpressions;

namespace CyberPledge.Testing.Tests;

public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static ChildProcess Shell(string script, IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.Start("/bin/sh", ["-c", script], environment: environment);

    [Fact]
    public async Task WaitForListeningAsync_InteropListeningLine_ReturnsItsAddress()
    {
        await using var server = Shell("echo starting; echo 'listening on 127.0.0.1:4321'; sleep 30");

        var address = await server.WaitForListeningAsync(Patience);

        Assert.Equal(new Uri("http://127.0.0.1:4321"), address);
        Assert.Equal(4321, server.Address.Port);
    }

    [Fact]
    public async Task WaitForListeningAsync_ServiceLineWithUrl_ReturnsTheUrl()
    {
        await using var server = Shell("echo 'indicators: listening on https://127.0.0.1:5555'; sleep 30");

        var address = await server.WaitForListeningAsync(Patience);

        Assert.Equal(new Uri("https://127.0.0.1:5555"), address);
    }

    [Fact]
    public async Task WaitForLineAsync_LineNeverComes_TimesOutWithTheOutputInTheMessage()
    {
        await using var server = Shell("echo starting; echo 'port in use' >&2; sleep 30");

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => server.WaitForListeningAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains("starting", failure.Message, StringComparison.Ordinal);
        Assert.Contains("port in use", failure.Message, StringComparison.Ordinal);
        Assert.Null(server.ExitCode);
    }

    [Fact]
    public async Task WaitForLineAsync_ProcessExitsFirst_FailsWithTheExitCodeAndOutput()
    {
        await using var server = Shell("echo 'no database' >&2; exit 4");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => server.WaitForListeningAsync(Patience));

        Assert.Contains("exited with code 4", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no database", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForLineAsync_Environment_ReachesTheChild()
    {
        await using var child = Shell("echo \"value=$CP_TEST_VALUE\"; sleep 30", new Dictionary<string, string?> { ["CP_TEST_VALUE"] = "42" });

        var match = await child.WaitForLineAsync(new Regex("^value=(?<value>.*)$"), Patience);

        Assert.Equal("42", match.Groups["value"].Value);
    }

    [Fact]
    public async Task KillAsync_RunningProcess_EndsItWithSigkill()
    {
        // The trap proves no shutdown code runs: SIGKILL cannot be caught.
        await using var server = Shell("trap 'echo graceful' TERM; echo 'listening on 127.0.0.1:1'; while true; do sleep 0.1; done");
        await server.WaitForListeningAsync(Patience);

        var exitCode = await server.KillAsync();

        Assert.Equal(128 + 9, exitCode);
        Assert.Equal(128 + 9, server.ExitCode);
        Assert.DoesNotContain("graceful", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ProcessHandlesSigterm_RunsItsShutdownAndReturnsItsExitCode()
    {
        await using var server = Shell("trap 'echo stopping; exit 3' TERM; echo ready; while true; do sleep 0.1; done");
        await server.WaitForLineAsync(new Regex("^ready$"), Patience);

        var exitCode = await server.StopAsync(Patience);

        Assert.Equal(3, exitCode);
        Assert.Contains("stopping", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForExitAsync_ProcessHangs_KillsItAndTimesOut()
    {
        await using var child = Shell("echo working; sleep 30");

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => child.WaitForExitAsync(TimeSpan.FromSeconds(1)));

        Assert.Contains("working", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(child.ExitCode);
    }

    [Fact]
    public async Task DisposeAsync_ProcessWithAChild_KillsTheChildToo()
    {
        var parent = Shell("sleep 30 & echo \"child $!\"; wait");
        var grandchild = int.Parse((await parent.WaitForLineAsync(new Regex(@"^child (?<pid>\d+)$"), Patience)).Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(IsAlive(grandchild));

        await parent.DisposeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsAlive(grandchild) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.False(IsAlive(grandchild), $"process {grandchild} outlived its parent's disposal");
    }

    [Fact]
    public async Task RunAsync_Succeeds_ReturnsStdoutOnly()
    {
        var stdout = await ChildProcess.RunAsync("/bin/sh", ["-c", "echo out; echo err >&2"], null, Patience);

        Assert.Equal("out" + Environment.NewLine, stdout);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_ThrowsWithTheOutput()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ChildProcess.RunAsync("/bin/sh", ["-c", "echo 'initdb: bad locale' >&2; exit 1"], null, Patience));

        Assert.Contains("exited with code 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("initdb: bad locale", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Alive: listed in /proc and not a zombie (a container's init may never reap it).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
