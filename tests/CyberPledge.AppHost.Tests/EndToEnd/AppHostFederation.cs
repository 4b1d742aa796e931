using System.Text.Json;
using System.Text.RegularExpressions;
using CyberPledge.Testing;

namespace CyberPledge.AppHost.Tests.EndToEnd;

/// <summary>
/// The default federation (NLD, DEU, POL, JPN: 16 processes) started the way a person starts it, AppHost as a real
/// process on a temporary run directory, shared by the tests of a class; stopped with SIGTERM at the end.
/// </summary>
public sealed partial class AppHostFederation : IAsyncLifetime
{
    // Generous: CI machines are shared, and a first start makes every CA, key and store.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(7);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    private readonly TemporaryDirectory _runDirectory = new();
    private ChildProcess? _appHost;

    public string RunDirectory => _runDirectory.Path;

    public string ConnectionFile => Path.Combine(RunDirectory, "connection.json");

    /// <summary>grpc-js with the connection file.</summary>
    public GrpcJsGatewayClient Client => new(ConnectionFile);

    public ChildProcess AppHost => _appHost ?? throw new InvalidOperationException("AppHost does not run.");

    public async Task InitializeAsync() => _appHost = await StartAsync();

    /// <summary>Stops AppHost (SIGTERM: it stops every service) and starts it again on the same run directory.</summary>
    public async Task<(int ExitCode, string FirstRunOutput)> RestartAsync()
    {
        var exitCode = await AppHost.StopAsync(StopTimeout);
        var output = AppHost.Output;
        await AppHost.DisposeAsync();
        _appHost = null;
        _appHost = await StartAsync();
        return (exitCode, output);
    }

    /// <summary>The process id of a node's service now, from the run directory's processes.json.</summary>
    public int? ProcessId(string nation, string service)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RunDirectory, "processes.json")));
        var id = document.RootElement.GetProperty(nation).GetProperty(service);
        return id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null;
    }

    public async Task DisposeAsync()
    {
        if (_appHost is not null)
        {
            try
            {
                await _appHost.StopAsync(StopTimeout);
            }
            finally
            {
                await _appHost.DisposeAsync();
            }
        }
        _runDirectory.Dispose();
    }

    private async Task<ChildProcess> StartAsync()
    {
        var appHost = ChildProcess.StartDotnet(RepositoryPaths.BuildOutput("AppHost", "CyberPledge.AppHost.dll"), ["--run-dir", RunDirectory, "--plain"]);
        try
        {
            await appHost.WaitForLineAsync(ReadyLine(), ReadyTimeout);
            return appHost;
        }
        catch
        {
            await appHost.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"^apphost\s+\| federation ready in ")]
    private static partial Regex ReadyLine();
}
