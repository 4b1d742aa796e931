using Microsoft.AspNetCore.Http;

namespace CyberPledge.Grpc.Client.Tests;

public sealed class UnaryCallTests
{
    private sealed record SeenRequest(string Method, string Path, Dictionary<string, string> Headers, List<(byte Flag, byte[] Payload)> Messages);

    private static async Task<SeenRequest> CaptureAsync(HttpContext context) => new(
        context.Request.Method,
        context.Request.Path,
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        await GrpcWire.ReadAllMessagesAsync(context.Request));

    [Fact]
    public async Task AsyncUnaryCall_OkResponse_ReturnsMessageHeadersStatusAndTrailers()
    {
        var seen = new TaskCompletionSource<SeenRequest>();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var request = await CaptureAsync(context);
            seen.SetResult(request);
            context.Response.Headers["server-note"] = "hello";
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("pong:" + Text(request.Messages[0].Payload)));
            GrpcWire.SetStatus(context, 0);
            context.Response.AppendTrailer("trace-bin", "AQID"); // base64 of 01 02 03, unpadded
            context.Response.AppendTrailer("trace-note", "done");
        });
        using var channel = Channel(server);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "ping");

        Assert.Equal("pong:ping", await call.ResponseAsync.WithTimeout());
        Assert.Equal("hello", (await call.ResponseHeadersAsync.WithTimeout()).GetValue("server-note"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(new byte[] { 1, 2, 3 }, call.GetTrailers().GetValueBytes("trace-bin"));
        Assert.Equal("done", call.GetTrailers().GetValue("trace-note"));
        Assert.Null(call.GetTrailers().Get("grpc-status"));
        var sent = await seen.Task.WithTimeout();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/test.EchoService/Unary", sent.Path);
        Assert.Equal("application/grpc", sent.Headers["content-type"]);
        Assert.Equal("trailers", sent.Headers["te"]);
        Assert.StartsWith("grpc-dotnet", sent.Headers["user-agent"]);
        Assert.Equal("identity,gzip,deflate", sent.Headers["grpc-accept-encoding"]);
        Assert.False(sent.Headers.ContainsKey("grpc-timeout"));
        Assert.False(sent.Headers.ContainsKey("grpc-encoding"));
        Assert.Equal((byte)0, Assert.Single(sent.Messages).Flag);
    }

    [Fact]
    public async Task AsyncUnaryCall_RequestMetadata_SentAsHeadersWithUnpaddedBase64ForBinary()
    {
        var seen = new TaskCompletionSource<SeenRequest>();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            seen.SetResult(await CaptureAsync(context));
            await GrpcWire.RespondAsync(context, Utf8("ok"));
        });
        using var channel = Channel(server);
        var metadata = new Metadata { { "tenant", "nation-a" }, { "token-bin", new byte[] { 0xFF, 0x00, 0x10, 0x20 } }, { "user-agent", "custom-agent/2" } };

        await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(metadata), "x").ResponseAsync.WithTimeout();

        var sent = await seen.Task.WithTimeout();
        Assert.Equal("nation-a", sent.Headers["tenant"]);
        Assert.Equal("/wAQIA", sent.Headers["token-bin"]);
        Assert.Equal("custom-agent/2", sent.Headers["user-agent"]);
    }

    [Fact]
    public async Task BlockingUnaryCall_OkResponse_ReturnsMessage()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("blocking")));
        using var channel = Channel(server);

        var response = await Task.Run(() => channel.CreateCallInvoker().BlockingUnaryCall(Unary, null, new CallOptions(), "x")).WithTimeout();

        Assert.Equal("blocking", response);
    }

    [Fact]
    public async Task AsyncUnaryCall_LargeMessagesBothWays_RoundTrip()
    {
        var large = new string('x', 3 * 1024 * 1024);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var request = await CaptureAsync(context);
            await GrpcWire.RespondAsync(context, request.Messages[0].Payload);
        });
        using var channel = Channel(server);

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), large).ResponseAsync.WithTimeout();

        Assert.Equal(large, response);
    }

    [Fact]
    public async Task AsyncUnaryCall_ManyConcurrentCalls_AllSucceed()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var request = await CaptureAsync(context);
            await GrpcWire.RespondAsync(context, request.Messages[0].Payload);
        });
        using var channel = Channel(server);
        var invoker = channel.CreateCallInvoker();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => invoker.AsyncUnaryCall(Unary, null, new CallOptions(), "m" + i).ResponseAsync)).WithTimeout();

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "m" + i), responses);
    }

    [Fact]
    public async Task GetStatus_BeforeCallEnds_ThrowsInvalidOperation()
    {
        var release = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await GrpcWire.RespondAsync(context, Utf8("late"));
        });
        using var channel = Channel(server);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x");

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        release.SetResult();
        Assert.Equal("late", await call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerUnreachable_Unavailable()
    {
        int port;
        await using (var stopped = await FakeGrpcServer.StartAsync(_ => Task.CompletedTask))
        {
            port = stopped.Address.Port;
        }
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Error connecting", error.Status.Detail);
    }
}
