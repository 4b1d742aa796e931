using System.Text.Json;
using CyberPledge.Cli.Commands;
using CyberPledge.Cli.Connection;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.Connection;

public sealed class ConnectionFilesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _caPem;

    public ConnectionFilesTests()
    {
        using var ca = NodeCertificates.CreateNationCa("NLD", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        _caPem = ca.ExportCertificatePem();
    }

    private string File => Path.Combine(_directory.Path, "connection.json");

    [Fact]
    public void Read_ListedNode_GivesItsGatewayCaAndTheRolesToken()
    {
        Write("https://127.0.0.1:17103");

        var entry = ConnectionFiles.Read(File, "nld", "partner:JPN");

        Assert.Equal(new Uri("https://127.0.0.1:17103"), entry.Gateway);
        Assert.Equal("NLD", NodeCertificates.NationOf(entry.Ca));
        Assert.Equal("token-partner", entry.Token);
        Assert.Null(ConnectionFiles.Read(File, "NLD", "partner:KOR").Token);
    }

    [Fact]
    public void Read_UnlistedNode_FailsNamingTheNodesItHas()
    {
        Write("https://127.0.0.1:17103");

        var error = Assert.Throws<UsageException>(() => ConnectionFiles.Read(File, "FRA", "admin"));

        Assert.Contains("has no node FRA (it has NLD)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CleartextGateway_IsRefused()
    {
        Write("http://127.0.0.1:17103");

        var error = Assert.Throws<CliException>(() => ConnectionFiles.Read(File, "NLD", "admin"));

        Assert.Contains("is not an https:// address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NodeWithRoleTheFileLacks_IsAUsageError()
    {
        Write("https://127.0.0.1:17103");

        var result = await CliRunner.RunAsync(["indicators", "get", "x", "--node", "NLD", "--connection", File, "--role", "partner:KOR"], environment: null);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no partner:KOR token for NLD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NodeWithoutConnectionFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(_directory.Path, "none.json");

        var result = await CliRunner.RunAsync(["links", "list", "--node", "NLD"], new Dictionary<string, string> { [ConnectionFiles.Variable] = missing });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private void Write(string gateway) => System.IO.File.WriteAllText(File, JsonSerializer.Serialize(new
    {
        development = true,
        nodes = new Dictionary<string, object>
        {
            ["NLD"] = new
            {
                nation = "NLD",
                gateway,
                caCertificatePem = _caPem,
                tokens = new Dictionary<string, string> { ["admin"] = "token-admin", ["analyst"] = "token-analyst", ["partner:JPN"] = "token-partner" },
            },
        },
    }));
}
