namespace CyberPledge.AppHost;

/// <summary>What a run of AppHost was asked for on its command line (docs/apphost.md).</summary>
public sealed class AppHostOptions
{
    /// <summary>The run directory: material, stores, logs and the connection file; reused by later runs.</summary>
    public string RunDirectory { get; init; } = Run.RunDirectory.DefaultPath;

    /// <summary>A built-in topology (<c>default</c>, <c>8</c>, <c>32</c>) or a topology file; null: the run directory's, else <c>default</c>.</summary>
    public string? Topology { get; init; }

    /// <summary>Whether to feed realistic traffic into the allies once the federation is up.</summary>
    public bool Demo { get; init; }

    /// <summary>Prefixed log lines and a status line now and then instead of the live table (also when output is not a terminal).</summary>
    public bool Plain { get; init; }
}
