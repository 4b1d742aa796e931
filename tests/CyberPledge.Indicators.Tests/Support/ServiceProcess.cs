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

    private ServiceProcess(ChildProcess process, TestTokens tokens)
    {
        _process = process;
        Tokens = tokens;
        Channel = GrpcChannel.ForAddress(process.Address);
        Client = ClientWith(tokens.Analyst);
    }

    public GrpcChannel Channel { get; }

    /// <summary>Where it listens (the port it chose).</summary>
    public Uri Address => _process.Address;

    /// <summary>The node's internal issuer, made for this process: it mints a token for any role.</summary>
    public TestTokens Tokens { get; }

    /// <summary>A client that calls as an analyst of this nation.</summary>
    public IndicatorsClient Client { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>A client that calls with <paramref name="token"/>.</summary>
    public IndicatorsClient ClientWith(string token) => new(TestTokens.WithToken(Channel.CreateCallInvoker(), token));

    /// <summary>SIGTERM, then the exit code (the process stops on its own).</summary>
    public Task<int> StopAsync(TimeSpan timeout) => _process.StopAsync(timeout);

    /// <summary>The service's own build output, in the configuration these tests were built in.</summary>
    public static string ServiceDll => RepositoryPaths.BuildOutput("services/Indicators", "CyberPledge.Indicators.dll");

    /// <param name="dataDirectory">The node's data directory.</param>
    /// <param name="arguments">More command-line arguments, e.g. "--store", "postgres".</param>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, params string[] arguments)
    {
        var tokens = new TestTokens();
        var environment = new Dictionary<string, string?>(tokens.ServiceEnvironment) { ["Logging__LogLevel__Default"] = "Warning" };
        var process = ChildProcess.StartDotnet(
            ServiceDll,
            ["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", .. arguments],
            environment: environment);
        try
        {
            await process.WaitForListeningAsync(StartTimeout);
        }
        catch
        {
            await process.DisposeAsync();
            tokens.Dispose();
            throw;
        }

        return new ServiceProcess(process, tokens);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _process.DisposeAsync();
        Tokens.Dispose();
    }
}
