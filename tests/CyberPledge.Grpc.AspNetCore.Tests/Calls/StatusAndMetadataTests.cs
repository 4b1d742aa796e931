using System.Net;
using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>Statuses, messages and metadata as they appear on the wire.</summary>
public sealed class StatusAndMetadataTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static byte[] Request(SimpleRequest request) => RawGrpcClient.Frame(request.ToByteArray());

    [Fact]
    public async Task UnknownService_UnimplementedTrailersOnly()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.UnimplementedService/UnimplementedCall", RawGrpcClient.Frame([]));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("12", response.GrpcStatus);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task UnknownMethodOfKnownService_UnimplementedTrailersOnly()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/NoSuchMethod", RawGrpcClient.Frame([]));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("12", response.GrpcStatus);
    }

    [Fact]
    public async Task MethodNotOverridden_Unimplemented()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/UnimplementedCall", RawGrpcClient.Frame([]));

        Assert.Equal("12", response.GrpcStatus);
    }

    [Fact]
    public async Task WrongContentType_Http415()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/UnaryCall", Request(new SimpleRequest()), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
    }

    [Fact]
    public async Task HandlerThrows_UnknownWithoutExceptionText()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/EmptyCall", RawGrpcClient.Frame([]));

        Assert.Equal("2", response.GrpcStatus);
        Assert.DoesNotContain("hunter2", response.GrpcMessage);
        Assert.DoesNotContain("hunter2", System.Text.Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public async Task RpcExceptionStatus_SentWithPercentEncodedMessage()
    {
        const string detail = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n 100%";
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/UnaryCall",
            Request(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = detail } }));

        Assert.Equal("2", response.GrpcStatus);
        Assert.Equal("%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A 100%25", response.GrpcMessage);
    }

    [Fact]
    public async Task Metadata_RequestHeadersReachHandler_ResponseHeadersAndBinaryTrailersReturn()
    {
        var binary = new byte[] { 0xab, 0xab, 0xab };
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/UnaryCall", Request(new SimpleRequest()), headers =>
        {
            headers.Add("x-echo-initial", "test_initial_metadata_value");
            headers.Add("x-echo-trailing-bin", "q6ur"); // base64 of ab ab ab, unpadded
            headers.Add("x-custom", "value");
        });

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal("test_initial_metadata_value", response.Headers.GetValues("x-echo-initial").Single());
        Assert.Equal(binary, Convert.FromBase64String(PadBase64(response.Trailers.GetValues("x-echo-trailing-bin").Single())));
        Assert.Equal("value", fixture.Observer.LastRequestHeaders!.GetValue("x-custom"));
        Assert.Equal(binary, fixture.Observer.LastRequestHeaders!.GetValueBytes("x-echo-trailing-bin"));
        Assert.Null(fixture.Observer.LastRequestHeaders!.Get("content-type"));
        Assert.StartsWith("ipv4:127.0.0.1:", fixture.Observer.LastPeer);
    }

    [Fact]
    public async Task ErrorBeforeAnyMessage_IsTrailersOnly()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/UnaryCall",
            Request(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 5, Message = "nope" } }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("5", response.GrpcStatus);
        Assert.Equal("nope", response.GrpcMessage);
    }

    private static string PadBase64(string value) => value.PadRight(value.Length + (4 - value.Length % 4) % 4, '=');
}
