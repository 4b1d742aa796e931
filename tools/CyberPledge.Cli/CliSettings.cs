namespace CyberPledge.Cli;

/// <summary>Where the command line writes and what it reads from its surroundings (tests replace each).</summary>
public sealed class CliSettings
{
    /// <summary>Results: tables, or protobuf JSON with --json.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Errors ("cyberpledge: ...") and progress notes that scripts should not parse.</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Reads an environment variable (CYBERPLEDGE_TOKEN); the process environment unless replaced.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The width tables are laid out for; null: the terminal's, or 200 columns when output is redirected.</summary>
    public int? Width { get; init; }

    /// <summary>Whether Ctrl+C and SIGTERM cancel the running command (true for the process, false in tests).</summary>
    public bool HandleTermination { get; init; } = true;
}
