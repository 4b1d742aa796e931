using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.Support;

/// <summary>
/// A node service as a real child process (<c>dotnet CyberPledge.X.dll</c>) on 127.0.0.1, ready once it prints its
/// "listening on" line; killed at dispose.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ChildProcess _process;

    private ServiceProcess(ChildProcess process) => _process = process;

    /// <summary>The address it listens on, for --address or --partners.</summary>
    public string Address => _process.Address.ToString().TrimEnd('/');

    public string Output => _process.Output;

    public static string IndicatorsDll => RepositoryPaths.BuildOutput("services/Indicators", "CyberPledge.Indicators.dll");

    public static string PartnersDll => RepositoryPaths.BuildOutput("services/Partners", "CyberPledge.Partners.dll");

    /// <param name="dll">The service's build output.</param>
    /// <param name="environment">Its configuration (Identity__..., Partners__...).</param>
    /// <param name="arguments">More command-line arguments.</param>
    public static async Task<ServiceProcess> StartAsync(string dll, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var settings = new Dictionary<string, string?>(environment) { ["Logging__LogLevel__Default"] = "Warning" };
        var process = ChildProcess.StartDotnet(dll, ["--urls", "http://127.0.0.1:0", .. arguments], environment: settings);
        try
        {
            await process.WaitForListeningAsync(StartTimeout);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new ServiceProcess(process);
    }

    /// <summary>SIGTERM, then waits for the exit.</summary>
    public Task<int> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
