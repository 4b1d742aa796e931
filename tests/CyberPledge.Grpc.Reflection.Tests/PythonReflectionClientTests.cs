using CyberPledge.Testing;
using CyberPledge.Grpc.Reflection.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Grpc.Reflection.Tests;

/// <summary>
/// An independent client (gRPC C-core through python3-grpcio, tests/Interop/python/reflection_client.py) that knows
/// the server only through reflection: it lists the services, then resolves a method from the returned
/// FileDescriptorProtos and calls it with messages built at run time, as grpcurl does.
/// </summary>
public sealed class PythonReflectionClientTests(ReflectionServer server) : IClassFixture<ReflectionServer>
{
    private const string Credentials = $"--metadata={TestUserAuthenticationHandler.Header}:alice";

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task List_PythonClient_SeesEveryMappedService(string version)
    {
        var (exitCode, output, errors) = await PythonReflectionClient.RunAsync(server.Port, $"--reflection={version}", "list");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}{errors}");
        Assert.Equal(
            ["service cyberpledge.testing.ReflectionProbe", "service grpc.health.v1.Health", "service grpc.reflection.v1.ServerReflection",
             "service grpc.reflection.v1alpha.ServerReflection", "service grpc.testing.TestService"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Call_UnaryCallKnownOnlyThroughReflection_ServerAnswers()
    {
        var (exitCode, output, errors) = await PythonReflectionClient.RunAsync(
            server.Port, Credentials, "call", "grpc.testing.TestService/UnaryCall", """{"responseSize": 3}""");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}{errors}");
        Assert.Equal(
            ["method grpc.testing.TestService.UnaryCall grpc.testing.SimpleRequest -> grpc.testing.SimpleResponse",
             """response {"payload": {"body": "AAAA"}, "username": "alice"}"""],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Call_HealthCheckKnownOnlyThroughReflection_Serving()
    {
        var (exitCode, output, errors) = await PythonReflectionClient.RunAsync(server.Port, Credentials, "call", "grpc.health.v1.Health/Check", "{}");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}{errors}");
        Assert.EndsWith("""response {"status": "SERVING"}""", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnknownService_ReflectionNotFound()
    {
        var (exitCode, output, errors) = await PythonReflectionClient.RunAsync(server.Port, Credentials, "call", "grpc.testing.NoSuchService/Call", "{}");

        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}{errors}");
        Assert.StartsWith("reflection error 5: ", errors, StringComparison.Ordinal);
    }
}
