using CyberPledge.Grpc.Reflection.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Reflection.V1;
using Xunit;
using static CyberPledge.Grpc.Reflection.Tests.Infrastructure.ReflectionCalls;

namespace CyberPledge.Grpc.Reflection.Tests;

/// <summary>
/// The extension queries. proto3 allows extensions only of the descriptor options: the reflection probe declares
/// (cyberpledge.testing.audit_note) = 50001 on google.protobuf.MethodOptions.
/// </summary>
public sealed class ExtensionReflectionTests(ReflectionServer server) : IClassFixture<ReflectionServer>
{
    private const string MethodOptions = "google.protobuf.MethodOptions";

    [Fact]
    public async Task FileContainingExtension_DeclaredExtension_DeclaringFileWithImports()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest
        {
            FileContainingExtension = new ExtensionRequest { ContainingType = MethodOptions, ExtensionNumber = 50001 },
        });

        Assert.Equal(["cyberpledge/testing/reflection_probe.proto", "google/protobuf/descriptor.proto"], FileNames(response));
    }

    [Theory]
    [InlineData(MethodOptions, 50002)]
    [InlineData("grpc.testing.SimpleRequest", 50001)]
    [InlineData("no.such.Type", 1)]
    public async Task FileContainingExtension_NoSuchExtension_NotFound(string type, int number)
    {
        var request = new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = type, ExtensionNumber = number } };

        var response = await AskOneAsync(server.Channel, request);

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
        Assert.Equal(request, response.OriginalRequest);
    }

    [Fact]
    public async Task AllExtensionNumbersOfType_ExtendedType_ListsTheNumbers()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { AllExtensionNumbersOfType = MethodOptions });

        Assert.Equal(MethodOptions, response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Equal([50001], response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task AllExtensionNumbersOfType_MessageWithoutExtensions_EmptyList()
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { AllExtensionNumbersOfType = "grpc.testing.SimpleRequest" });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.AllExtensionNumbersResponse, response.MessageResponseCase);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Theory]
    [InlineData("no.such.Type")]
    [InlineData("grpc.testing.PayloadType")]
    [InlineData("grpc.testing.TestService")]
    public async Task AllExtensionNumbersOfType_NotAKnownMessage_NotFound(string type)
    {
        var response = await AskOneAsync(server.Channel, new ServerReflectionRequest { AllExtensionNumbersOfType = type });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }
}
