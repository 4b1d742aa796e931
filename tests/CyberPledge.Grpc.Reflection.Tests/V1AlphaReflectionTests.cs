using CyberPledge.Grpc.Reflection.Tests.Infrastructure;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Xunit;

namespace CyberPledge.Grpc.Reflection.Tests;

/// <summary>grpc.reflection.v1alpha, which older tools ask for, gives the same answers as v1.</summary>
public sealed class V1AlphaReflectionTests(ReflectionServer server) : IClassFixture<ReflectionServer>
{
    [Fact]
    public async Task ServerReflectionInfo_V1Alpha_ListsServicesAndFindsSymbolsAndNotFound()
    {
        ServerReflectionRequest[] requests =
        [
            new() { ListServices = "" },
            new() { FileContainingSymbol = "grpc.health.v1.Health.Check" },
            new() { FileContainingSymbol = "grpc.health.v1.Nope" },
        ];
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = new ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo(cancellationToken: cancel.Token);
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var responses = new List<ServerReflectionResponse>();
        while (await call.ResponseStream.MoveNext(cancel.Token))
        {
            responses.Add(call.ResponseStream.Current);
        }

        Assert.Equal(requests, responses.Select(r => r.OriginalRequest));
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", responses[0].ListServicesResponse.Service.Select(s => s.Name));
        Assert.Contains("grpc.testing.TestService", responses[0].ListServicesResponse.Service.Select(s => s.Name));
        Assert.Equal("grpc/health/v1/health.proto",
            FileDescriptorProto.Parser.ParseFrom(Assert.Single(responses[1].FileDescriptorResponse.FileDescriptorProto)).Name);
        Assert.Equal((int)StatusCode.NotFound, responses[2].ErrorResponse.ErrorCode);
    }
}
