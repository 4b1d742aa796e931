using CyberPledge.Cli;
using CyberPledge.Cli.Output;

namespace CyberPledge.Cli.Tests.Support;

/// <summary>What one run of the command line printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>Runs the command line in process, as the tool's Main does, with captured output and no environment token.</summary>
internal static class CliRunner
{
    /// <summary>Wide enough that no table wraps a value the tests look for.</summary>
    public const int Width = 250;

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, environment: null);

    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CyberPledgeCli.RunAsync(args, Settings(output, error, environment), cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>What the command line prints for <paramref name="renderable"/> as text (no colours: not a terminal).</summary>
    public static string Render(Spectre.Console.Rendering.IRenderable renderable)
    {
        using var output = new StringWriter();
        new CliOutput(Settings(output, TextWriter.Null), json: false).Write(renderable);
        return output.ToString();
    }

    public static CliSettings Settings(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        Output = output,
        Error = error,
        GetEnvironmentVariable = name => environment?.GetValueOrDefault(name),
        Width = Width,
        HandleTermination = false,
    };
}
