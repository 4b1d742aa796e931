using CyberPledge.InteropServer;
using CyberPledge.Testing;
using Xunit;

namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>
/// Our interop server, hosted in-process (cleartext HTTP/2) on a free loopback port. When the class's tests are done
/// it fails if the server logged an error, which a client cannot see (e.g. a cancellation taken for a handler fault).
/// </summary>
public class InteropServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly bool _useTls;
    private readonly ErrorLog _errors = new();
    private InteropServerHost? _server;

    public InteropServerFixture()
        : this(useTls: false)
    {
    }

    protected InteropServerFixture(bool useTls) => _useTls = useTls;

    public int Port => Server.Port;

    /// <summary>The PEM file of the server's generated certificate, for a client's <c>--ca_file</c>.</summary>
    public string CaFile => Server.ExportCertificate();

    private InteropServerHost Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        _server = await InteropServerHost.StartAsync(new InteropServerOptions { Port = 0, UseTls = _useTls }, cancellation.Token, _errors);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_errors.Entries.Count > 0)
        {
            throw new InvalidOperationException("The interop server logged errors:\n" + string.Join('\n', _errors.Entries));
        }
    }
}
