namespace CyberPledge.Cli.Commands;

/// <summary>What every command's action shares: the settings of this run and the global options.</summary>
internal sealed class CliContext(CliSettings settings, GlobalOptions globals)
{
    public CliSettings Settings { get; } = settings;

    public GlobalOptions Globals { get; } = globals;
}
