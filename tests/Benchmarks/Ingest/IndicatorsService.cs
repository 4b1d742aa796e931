using CyberPledge.Benchmarks.Infrastructure;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>How to start the Indicators service process built beside this benchmark (same configuration).</summary>
internal static class IndicatorsService
{
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "services", "Indicators", "bin", configuration, "net10.0", "CyberPledge.Indicators.dll");
        }
    }

    public static string[] Arguments(string dataDirectory, int port) =>
        [Dll, "--data-dir", dataDirectory, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning"];
}
