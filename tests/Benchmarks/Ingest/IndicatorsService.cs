using CyberPledge.Testing;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>How to start the Indicators service process built beside this benchmark (same configuration).</summary>
internal static class IndicatorsService
{
    public static string Dll => RepositoryPaths.BuildOutput("services/Indicators", "CyberPledge.Indicators.dll");

    /// <summary>Its arguments after the dll: a port of its own choosing, which its listening line tells.</summary>
    public static string[] Arguments(string dataDirectory) =>
        ["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0"];

    /// <summary>Its environment: trust in the benchmark's token issuer, and only warnings logged.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(TestTokens tokens) =>
        new Dictionary<string, string?>(tokens.ServiceEnvironment) { ["Logging__LogLevel__Default"] = "Warning" };
}
