using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>
/// A person with an off-the-shelf tool and no generated stubs: gRPC C-core (python3-grpcio) lists the running
/// service's methods through server reflection and calls one it only knows from there, with a bearer token.
/// </summary>
public sealed class ReflectionTests
{
    [Fact]
    public async Task Reflection_IndependentClient_ListsTheServiceAndCallsAMethodKnownOnlyThroughIt()
    {
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(data.Path);
        var authorization = $"--metadata=authorization:Bearer {service.Tokens.Analyst}";

        var list = await PythonReflectionClient.RunAsync(service.Address.Port, authorization, "list");
        var call = await PythonReflectionClient.RunAsync(service.Address.Port, authorization, "call", "cyberpledge.v1.Indicators/GetNodeIdentity", "{}");

        Assert.True(list.ExitCode == 0, list.Errors);
        Assert.Contains("service cyberpledge.v1.Indicators", list.Output, StringComparison.Ordinal);
        Assert.Contains("service grpc.health.v1.Health", list.Output, StringComparison.Ordinal);
        Assert.True(call.ExitCode == 0, call.Errors);
        Assert.Contains("\"nation\": \"XXX\"", call.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflection_WithoutToken_RefusedOutsideDevelopment()
    {
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(data.Path);
        var list = await PythonReflectionClient.RunAsync(service.Address.Port, "list");

        Assert.NotEqual(0, list.ExitCode);
    }
}
