using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    private readonly Process _process;

    private ServiceProcess(Process process, string address)
    {
        _process = process;
        Channel = GrpcChannel.ForAddress(address);
        Client = new IndicatorsClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public IndicatorsClient Client { get; }

    /// <summary>The service's own build output, in the configuration these tests were built in.</summary>
    public static string ServiceDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var root = output;
            while (!File.Exists(Path.Combine(root.FullName, "CyberPledge.Mesh.sln")))
            {
                root = root.Parent ?? throw new InvalidOperationException("CyberPledge.Mesh.sln not found above " + AppContext.BaseDirectory);
            }

            return Path.Combine(root.FullName, "services", "Indicators", "bin", configuration, "net10.0", "CyberPledge.Indicators.dll");
        }
    }

    /// <param name="dataDirectory">The node's data directory.</param>
    /// <param name="arguments">More command-line arguments, e.g. "--store", "postgres".</param>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, params string[] arguments)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { ServiceDll, "--data-dir", dataDirectory, "--urls", address, "--Logging:LogLevel:Default=Warning" },
        };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("indicators: listening on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The service exited with {process.ExitCode} before it was ready."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, address);
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>A loopback port nobody listens on (free when asked; the caller binds it soon after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
