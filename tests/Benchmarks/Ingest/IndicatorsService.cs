using CyberPledge.Testing;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>How to start the Indicators service process built beside this benchmark (same configuration).</summary>
internal static class IndicatorsService
{
    public static string Dll => RepositoryPaths.BuildOutput("services/Indicators", "CyberPledge.Indicators.dll");

    /// <summary>Its arguments after the dll: a port of its own choosing, which its listening line tells.</summary>
    public static string[] Arguments(string dataDirectory) =>
        ["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"];
}
