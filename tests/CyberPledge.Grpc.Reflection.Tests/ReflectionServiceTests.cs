using CyberPledge.Grpc.Reflection.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Reflection.V1;
using Grpc.Testing;
using Xunit;
using static CyberPledge.Grpc.Reflection.Tests.Infrastructure.ReflectionCalls;

namespace CyberPledge.Grpc.Reflection.Tests;

/// <summary>grpc.reflection.v1 on a real Kestrel, asked with the project's client.</summary>
public sealed class ReflectionServiceTests(ReflectionServer server) : IClassFixture<ReflectionServer>
{
    private const int NotFound = (int)StatusCode.NotFound;

    [Fact]
    public async Task ListServices_MappedServices_EachOnceSorted()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { ListServices = "*" });

        Assert.Equal(
            ["cyberpledge.testing.ReflectionProbe", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
             "grpc.reflection.v1alpha.ServerReflection", "grpc.testing.TestService"],
            response.ListServicesResponse.Service.Select(s => s.Name));
        Assert.Empty(server.Errors.Entries);
    }

    [Theory]
    [InlineData("grpc.testing.TestService", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.TestService.UnaryCall", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.UnimplementedService", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.SimpleRequest", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.SimpleRequest.response_size", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.PayloadType", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.COMPRESSABLE", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.Empty", "grpc/testing/empty.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.SERVING", "grpc/health/v1/health.proto")]
    [InlineData("cyberpledge.testing.PingRequest.Echo", "cyberpledge/testing/reflection_probe.proto")]
    [InlineData("cyberpledge.testing.audit_note", "cyberpledge/testing/reflection_probe.proto")]
    [InlineData("grpc.reflection.v1.ServerReflection.ServerReflectionInfo", "grpc/reflection/v1/reflection.proto")]
    public async Task FileContainingSymbol_KnownSymbol_DeclaringFileFirst(string symbol, string file)
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(file, FileNames(response)[0]);
    }

    [Fact]
    public async Task FileContainingSymbol_Method_DescriptorsNameItsMessages()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { FileContainingSymbol = "grpc.testing.TestService.UnaryCall" });

        var method = BuildFiles(response)["grpc/testing/test.proto"].FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService")
            .FindMethodByName("UnaryCall");
        Assert.Equal(SimpleRequest.Descriptor.FullName, method.InputType.FullName);
        Assert.Equal(SimpleResponse.Descriptor.FullName, method.OutputType.FullName);
        Assert.False(method.IsClientStreaming || method.IsServerStreaming);
    }

    [Fact]
    public async Task FileByFilename_FileWithImports_SendsFileThenEveryImport()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { FileByFilename = "grpc/testing/test.proto" });

        var names = FileNames(response);
        Assert.Equal("grpc/testing/test.proto", names[0]);
        Assert.Equal(["grpc/testing/empty.proto", "grpc/testing/messages.proto"], names.Skip(1).Order(StringComparer.Ordinal));
        var built = BuildFiles(response);
        Assert.Equal(SimpleRequest.Descriptor.ToProto(), built["grpc/testing/messages.proto"].FindTypeByName<Google.Protobuf.Reflection.MessageDescriptor>("SimpleRequest").ToProto());
    }

    [Fact]
    public async Task FileByFilename_WellKnownImport_SentWithIt()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { FileByFilename = "cyberpledge/testing/reflection_probe.proto" });

        Assert.Equal(["cyberpledge/testing/reflection_probe.proto", "google/protobuf/descriptor.proto"], FileNames(response));
    }

    [Theory]
    [InlineData("grpc.testing.NoSuchThing")]
    [InlineData("grpc.testing.TestService.NoSuchMethod")]
    [InlineData("")]
    public async Task FileContainingSymbol_UnknownSymbol_NotFoundWithRequestEchoed(string symbol)
    {
        var request = new ServerReflectionRequest { Host = "node.example", FileContainingSymbol = symbol };

        var response = await AskOneAsync(server.Channel, request);

        Assert.Equal(NotFound, response.ErrorResponse.ErrorCode);
        Assert.Contains(symbol, response.ErrorResponse.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(request, response.OriginalRequest);
        Assert.Equal("node.example", response.ValidHost);
    }

    [Fact]
    public async Task FileByFilename_UnknownFile_NotFound()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { FileByFilename = "grpc/testing/nope.proto" });

        Assert.Equal(NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task ServerReflectionInfo_SeveralRequestsOnOneStream_AnsweredInOrder()
    {
        ServerReflectionRequest[] requests =
        [
            new() { FileContainingSymbol = "grpc.testing.Empty" },
            new() { FileContainingSymbol = "grpc.testing.Nope" },
            new() { ListServices = "" },
            new() { FileByFilename = "grpc/health/v1/health.proto" },
        ];

        var responses = await AskAsync(server.Channel, requests);

        Assert.Equal(requests, responses.Select(r => r.OriginalRequest));
        Assert.Equal(["grpc/testing/empty.proto"], FileNames(responses[0]));
        Assert.Equal(NotFound, responses[1].ErrorResponse.ErrorCode);
        Assert.Equal(5, responses[2].ListServicesResponse.Service.Count);
        Assert.Equal(["grpc/health/v1/health.proto"], FileNames(responses[3]));
    }

    [Fact]
    public async Task ServerReflectionInfo_RequestWithoutQuery_UnimplementedErrorResponse()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { Host = "h" });

        Assert.Equal((int)StatusCode.Unimplemented, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task ServerReflectionInfo_NoCredentials_AllowedWhileOtherServicesRequireThem()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(server.Channel).UnaryCallAsync(new SimpleRequest()));

        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { ListServices = "" });

        Assert.Equal(StatusCode.Unauthenticated, denied.StatusCode);
        Assert.NotEmpty(response.ListServicesResponse.Service);
    }
}
