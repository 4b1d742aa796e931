namespace CyberPledge.Indicators.Hosting;

/// <summary>Short command-line switches for the standalone process.</summary>
internal static class CommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:5180";

    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--data-dir"] = "Indicators:DataDirectory",
        ["--nation"] = "Indicators:Nation",
        ["--node-id"] = "Indicators:NodeId",
        ["--store"] = "Indicators:Store",
        ["--postgres"] = "Indicators:PostgresConnectionString",
    };
}
