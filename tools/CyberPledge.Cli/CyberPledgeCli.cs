using CyberPledge.Cli.Commands;

namespace CyberPledge.Cli;

/// <summary>
/// The <c>cyberpledge</c> command line (docs/cli.md): parses the arguments, runs the command and returns the exit code
/// (0 success, 1 failure, 2 usage). Runs in process for tests as it does in <c>Program.cs</c>.
/// </summary>
public static class CyberPledgeCli
{
    /// <summary>The environment variable holding the bearer token when neither --token nor --token-file is given.</summary>
    public const string TokenVariable = "CYBERPLEDGE_TOKEN";

    /// <summary>Runs the command line as the process does: the console's writers, environment and Ctrl+C handling.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliSettings { Output = output, Error = error }, cancellationToken);

    /// <summary>Runs the command line with <paramref name="settings"/>; cancelling the token stops a running command (as Ctrl+C does).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(settings);
        return CommandLine.RunAsync(args, settings, cancellationToken);
    }
}
