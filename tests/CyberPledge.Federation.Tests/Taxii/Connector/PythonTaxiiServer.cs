using System.Text.Json.Nodes;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;

namespace CyberPledge.Federation.Tests.Taxii.Connector;

/// <summary>
/// taxii_server.py as a process: one TAXII 2.1 collection over HTTPS with a certificate of its own test CA, serving the
/// objects the test sets, a few per page, to callers with its bearer token; it logs each request path. Its
/// directory and process are removed at the end.
/// </summary>
internal sealed class PythonTaxiiServer : IAsyncDisposable
{
    public const string Token = "connector-test-token";

    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Taxii", "Connector", "taxii_server.py");

    private readonly TemporaryDirectory _directory = new();
    private readonly JsonArray _entries = [];
    private ChildProcess? _process;

    private PythonTaxiiServer() => Identity = TestNation.Create("NLD", _directory.Path);

    /// <summary>The server's CA and certificate.</summary>
    public TestNation Identity { get; }

    public string CaPem => File.ReadAllText(Identity.CaFile);

    public string CollectionUrl => new Uri(_process!.Address, "/api1/collections/c1/").ToString();

    private string ObjectsFile => Path.Combine(_directory.Path, "objects.json");

    private string LogFile => Path.Combine(_directory.Path, "requests.log");

    public static async Task<PythonTaxiiServer> StartAsync(int pageSize)
    {
        var server = new PythonTaxiiServer();
        try
        {
            server.Save();
            server._process = ChildProcess.Start("python3",
                [Script, server.Identity.NodeCertificateFile, server.Identity.NodeKeyFile, server.ObjectsFile, Token, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), server.LogFile]);
            await server._process.WaitForListeningAsync(TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds an object the collection received at <paramref name="dateAdded"/> (in order).</summary>
    public void Add(string dateAdded, JsonObject stixObject)
    {
        _entries.Add(new JsonObject { ["date_added"] = dateAdded, ["object"] = stixObject });
        Save();
    }

    /// <summary>The request paths so far.</summary>
    public string[] Requests() => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Identity.Dispose();
        _directory.Dispose();
    }

    /// <summary>Written whole then renamed, so the server never reads half a file.</summary>
    private void Save()
    {
        File.WriteAllText(ObjectsFile + ".tmp", _entries.ToJsonString());
        File.Move(ObjectsFile + ".tmp", ObjectsFile, overwrite: true);
    }
}
