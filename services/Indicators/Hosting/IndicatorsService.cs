using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.CommandLine;

namespace CyberPledge.Indicators.Hosting;

/// <summary>What the standalone process tells ServiceDefaults: its name, address, health name and switches.</summary>
public static class IndicatorsService
{
    /// <summary>Where the standalone process listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>The Indicators service as ServiceDefaults runs it.</summary>
    public static readonly ServiceDescription Description = new(
        "indicators",
        "the node's signed, versioned indicator store and its live feed (gRPC cyberpledge.v1.Indicators)",
        DefaultUrl,
        "cyberpledge.v1.Indicators",
        [
            new("--data-dir", "Indicators:DataDirectory", "DIR", "signing key and SQLite store (default: ~/.local/share/cyberpledge/indicators)"),
            new("--nation", "Indicators:Nation", "CODE", $"this node's nation, ISO 3166-1 alpha-3 or alpha-2 (default: {IndicatorsOptions.DefaultNation}, for development)"),
            new("--node-id", "Indicators:NodeId", "ID", $"this node's id within its nation (default: {IndicatorsOptions.DefaultNodeId})"),
            new("--store", "Indicators:Store", "KIND", "sqlite (default) or postgres"),
            new("--postgres", "Indicators:PostgresConnectionString", "CONNSTR", "the PostgreSQL connection string, with --store postgres"),
        ]);
}
