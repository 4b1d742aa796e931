using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>Server streaming, client streaming and duplex calls over real HTTP/2.</summary>
public sealed class StreamingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ServerStreaming_WritesEachResponseInOrderThenOk()
    {
        var request = new StreamingOutputCallRequest();
        foreach (var size in new[] { 31415, 9, 2653, 58979 })
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = size });
        }

        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/StreamingOutputCall", RawGrpcClient.Frame(request.ToByteArray()));

        Assert.Equal("0", response.GrpcStatus);
        var sizes = response.Messages().Select(m => StreamingOutputCallResponse.Parser.ParseFrom(m.Message).Payload.Body.Length);
        Assert.Equal([31415, 9, 2653, 58979], sizes);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_StatusInTrailers()
    {
        var request = new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 9, Message = "stop" } };
        request.ResponseParameters.Add(new ResponseParameters { Size = 1 });

        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/StreamingOutputCall", RawGrpcClient.Frame(request.ToByteArray()));

        Assert.False(response.IsTrailersOnly);
        Assert.Single(response.Messages());
        Assert.Equal("9", response.GrpcStatus);
    }

    [Fact]
    public async Task ClientStreaming_ReadsEveryMessageToTheEnd()
    {
        var body = new[] { 271, 8, 182, 459 }
            .SelectMany(size => RawGrpcClient.Frame(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) } }.ToByteArray()))
            .ToArray();

        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/StreamingInputCall", new TricklingContent(body, chunkSize: 70));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(920, StreamingInputCallResponse.Parser.ParseFrom(Assert.Single(response.Messages()).Message).AggregatedPayloadSize);
    }

    [Fact]
    public async Task ClientStreaming_NoMessages_AggregatesZero()
    {
        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/StreamingInputCall", []);

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(0, StreamingInputCallResponse.Parser.ParseFrom(Assert.Single(response.Messages()).Message).AggregatedPayloadSize);
    }

    [Fact]
    public async Task Duplex_AnswersEveryRequest()
    {
        var body = new[] { 1, 2, 3 }.SelectMany(size =>
        {
            var request = new StreamingOutputCallRequest();
            request.ResponseParameters.Add(new ResponseParameters { Size = size });
            return RawGrpcClient.Frame(request.ToByteArray());
        }).ToArray();

        var response = await fixture.Client.SendAsync("/grpc.testing.TestService/FullDuplexCall", body);

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal([1, 2, 3], response.Messages().Select(m => StreamingOutputCallResponse.Parser.ParseFrom(m.Message).Payload.Body.Length));
    }
}
