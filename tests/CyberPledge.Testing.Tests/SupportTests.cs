using System.Net;
using System.Net.Sockets;

namespace CyberPledge.Testing.Tests;

public sealed class SupportTests
{
    [Fact]
    public void Loopback_FreePort_CanBeBound()
    {
        var port = FreePort.Loopback();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();

        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public void Root_FromTestBinaries_HoldsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "CyberPledge.Mesh.sln")));
    }

    [Fact]
    public void BuildOutput_ThisProject_IsTheRunningAssembly()
    {
        var path = RepositoryPaths.BuildOutput("tests/CyberPledge.Testing.Tests", "CyberPledge.Testing.Tests.dll");

        Assert.Equal(Path.GetFullPath(typeof(SupportTests).Assembly.Location), Path.GetFullPath(path));
    }

    [Fact]
    public void Dispose_DirectoryWithFiles_DeletesIt()
    {
        var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "data.db"), "x");
        Directory.CreateDirectory(Path.Combine(directory.Path, "nested"));

        directory.Dispose();

        Assert.False(Directory.Exists(directory.Path));
    }
}
