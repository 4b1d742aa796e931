using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyberPledge.InteropServer;

/// <summary>
/// The interop server, started on 127.0.0.1: by <c>Program</c> as a process, or in-process by tests
/// (port 0 picks a free port, read back from <see cref="Port"/>).
/// </summary>
public sealed class InteropServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _exportedCertificatePath;

    private InteropServerHost(WebApplication app, int port, X509Certificate2? certificate)
    {
        _app = app;
        Port = port;
        Certificate = certificate;
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The TLS certificate, or null for cleartext HTTP/2.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Starts the server; it is listening when the returned task completes. <paramref name="logSink"/> also receives its log.</summary>
    public static async Task<InteropServerHost> StartAsync(InteropServerOptions options, CancellationToken cancellationToken = default, ILoggerProvider? logSink = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = options.UseTls ? ServerCertificate.Load(options) : null;
        // No args: the interop flags are not configuration keys.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Nothing per request is logged: UnaryCall is benchmarked under h2load.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logSink is not null)
        {
            // Tests listen for errors the runtime logs even when every call looks right to the client.
            builder.Logging.AddProvider(logSink);
        }
        // ALPN offers h2 only with TLS. The interop contract (DESIGN.md Decision 12) keeps its own flags and line, so
        // of ServiceDefaults it takes the listening set-up, not the command line or the identity.
        builder.WebHost.ListenLoopbackHttp2(options.Port, certificate);
        builder.Services.AddGrpc();

        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync(cancellationToken);

        // Once started, Urls holds the bound address, with the real port when 0 was asked for.
        return new InteropServerHost(app, new Uri(app.Urls.Single()).Port, certificate);
    }

    /// <summary>
    /// Writes the certificate (public part, PEM) to a temporary file, removed when the host is disposed, for
    /// clients to trust; returns its path.
    /// </summary>
    public string ExportCertificate()
    {
        var certificate = Certificate ?? throw new InvalidOperationException("The server runs without TLS.");
        if (_exportedCertificatePath is null)
        {
            var path = Path.Combine(Path.GetTempPath(), $"cyberpledge-interop-{Environment.ProcessId}-{Port}.pem");
            File.WriteAllText(path, certificate.ExportCertificatePem());
            _exportedCertificatePath = path;
        }
        return _exportedCertificatePath;
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate?.Dispose();
        if (_exportedCertificatePath is not null)
        {
            File.Delete(_exportedCertificatePath);
        }
    }
}
