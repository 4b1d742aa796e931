using System.Net;
using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Framing;

/// <summary>Request bodies at the byte level, sent to a real Kestrel server.</summary>
public sealed class RequestFramingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnaryPath = "/grpc.testing.TestService/UnaryCall";

    [Fact]
    public async Task UnaryCall_WellFormedMessage_ReturnsOneMessageAndOkTrailers()
    {
        var response = await fixture.Client.SendAsync(UnaryPath, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 10 }.ToByteArray()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentHeaders.ContentType?.MediaType);
        Assert.False(response.IsTrailersOnly);
        Assert.Equal("0", response.GrpcStatus);
        var message = Assert.Single(response.Messages());
        Assert.Equal(0, message.Flag);
        Assert.Equal(10, SimpleResponse.Parser.ParseFrom(message.Message).Payload.Body.Length);
    }

    [Fact]
    public async Task UnaryCall_ZeroLengthMessage_IsAcceptedAsDefaultRequest()
    {
        var response = await fixture.Client.SendAsync(UnaryPath, RawGrpcClient.Frame([]));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Empty(SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages()).Message).Payload.Body);
    }

    [Fact]
    public async Task UnaryCall_MessageSplitAcrossReads_IsReassembled()
    {
        var framed = RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 3, Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } }.ToByteArray());
        var content = new TricklingContent(framed, chunkSize: 1);

        var response = await fixture.Client.SendAsync(UnaryPath, content);

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(3, SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages()).Message).Payload.Body.Length);
    }

    [Fact]
    public async Task UnaryCall_LengthPrefixPastLimit_ResourceExhaustedWithoutReadingBody()
    {
        var prefixOnly = new byte[] { 0, 0, 0x10, 0, 0 }; // announces 1 MiB, limit is 1 KiB

        var response = await fixture.Client.SendAsync(UnaryPath, prefixOnly);

        Assert.Equal("8", response.GrpcStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Contains("maximum", response.GrpcMessage);
    }

    [Fact]
    public async Task UnaryCall_CompressedFlagWithoutEncoding_Internal()
    {
        var response = await fixture.Client.SendAsync(UnaryPath, RawGrpcClient.Frame([1, 2, 3], flag: 1));

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("grpc-encoding", response.GrpcMessage);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 10, 1, 2 })]
    public async Task UnaryCall_TruncatedBody_InternalIncompleteMessage(byte[] body)
    {
        var response = await fixture.Client.SendAsync(UnaryPath, body);

        Assert.Equal("13", response.GrpcStatus);
        Assert.Equal("Incomplete message.", response.GrpcMessage);
    }

    [Fact]
    public async Task UnaryCall_EmptyBody_InternalNoMessage()
    {
        var response = await fixture.Client.SendAsync(UnaryPath, []);

        Assert.Equal("13", response.GrpcStatus);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task UnaryCall_TwoMessages_InternalAdditionalData()
    {
        var one = RawGrpcClient.Frame(new SimpleRequest().ToByteArray());

        var response = await fixture.Client.SendAsync(UnaryPath, [.. one, .. one]);

        Assert.Equal("13", response.GrpcStatus);
        Assert.Empty(response.Messages());
    }

    [Fact]
    public async Task UnaryCall_MalformedProtobuf_InternalWithoutExceptionText()
    {
        var response = await fixture.Client.SendAsync(UnaryPath, RawGrpcClient.Frame([0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Equal("13", response.GrpcStatus);
        Assert.Equal("Failed to deserialize the request message.", response.GrpcMessage);
    }

    [Fact]
    public async Task UnaryCall_ResponseOverSendLimit_ResourceExhausted()
    {
        var response = await fixture.Client.SendAsync(UnaryPath, RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 100_000 }.ToByteArray()));

        Assert.Equal("8", response.GrpcStatus);
        Assert.Empty(response.Messages());
    }

    [Fact]
    public async Task UnaryCall_ServerStillAnswersAfterBadRequests()
    {
        await fixture.Client.SendAsync(UnaryPath, [9, 9, 9, 9, 9, 9, 9, 9]);

        var response = await fixture.Client.SendAsync(UnaryPath, RawGrpcClient.Frame(new SimpleRequest().ToByteArray()));

        Assert.Equal("0", response.GrpcStatus);
    }
}
