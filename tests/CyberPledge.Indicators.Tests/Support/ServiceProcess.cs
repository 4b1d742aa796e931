using CyberPledge.Testing;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>
/// The service as a real child process (`dotnet CyberPledge.Indicators.dll`) on 127.0.0.1,
/// ready once it prints its "listening on" line; killed with SIGKILL on request or at dispose.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ChildProcess _process;

    private ServiceProcess(ChildProcess process)
    {
        _process = process;
        Channel = GrpcChannel.ForAddress(process.Address);
        Client = new IndicatorsClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public IndicatorsClient Client { get; }

    /// <summary>The service's own build output, in the configuration these tests were built in.</summary>
    public static string ServiceDll => RepositoryPaths.BuildOutput("services/Indicators", "CyberPledge.Indicators.dll");

    /// <param name="dataDirectory">The node's data directory.</param>
    /// <param name="arguments">More command-line arguments, e.g. "--store", "postgres".</param>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, params string[] arguments)
    {
        var process = ChildProcess.StartDotnet(
            ServiceDll,
            ["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. arguments]);
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

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _process.DisposeAsync();
    }
}
