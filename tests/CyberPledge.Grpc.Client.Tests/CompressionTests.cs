namespace CyberPledge.Grpc.Client.Tests;

public sealed class CompressionTests
{
    private static readonly Metadata GzipRequest = new() { { "grpc-internal-encoding-request", "gzip" } };

    [Fact]
    public async Task AsyncUnaryCall_GzipResponse_Decompressed()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            context.Response.Headers["grpc-encoding"] = "gzip";
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, GrpcWire.Gzip(Utf8("unzipped at last")), flag: 1);
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout();

        Assert.Equal("unzipped at last", response);
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipResponseExpandingPastLimit_ResourceExhausted()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            context.Response.Headers["grpc-encoding"] = "gzip";
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, GrpcWire.Gzip(new byte[64 * 1024]), flag: 1);
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server, o => o.MaxReceiveMessageSize = 4096);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_UnsupportedResponseEncoding_Internal()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            context.Response.Headers["grpc-encoding"] = "snappy";
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("???"), flag: 1);
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("snappy", error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipRequested_MessageCompressedAndInternalHeaderNotSent()
    {
        var seen = new TaskCompletionSource<(string? Encoding, bool InternalHeader, byte Flag, string Text)>();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var message = (await GrpcWire.ReadMessageAsync(context.Request))!.Value;
            seen.SetResult((context.Request.Headers["grpc-encoding"].FirstOrDefault(),
                context.Request.Headers.ContainsKey("grpc-internal-encoding-request"),
                message.Flag, Text(GrpcWire.Gunzip(message.Payload))));
            await GrpcWire.RespondAsync(context, Utf8("ok"));
        });
        using var channel = Channel(server);

        await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(GzipRequest), "squeeze me").ResponseAsync.WithTimeout();

        Assert.Equal(("gzip", false, (byte)1, "squeeze me"), await seen.Task.WithTimeout());
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipRequestedWithNoCompress_MessageSentUncompressed()
    {
        var seen = new TaskCompletionSource<(byte Flag, string Text)>();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var message = (await GrpcWire.ReadMessageAsync(context.Request))!.Value;
            seen.SetResult((message.Flag, Text(message.Payload)));
            await GrpcWire.RespondAsync(context, Utf8("ok"));
        });
        using var channel = Channel(server);
        var options = new CallOptions(GzipRequest, writeOptions: new WriteOptions(WriteFlags.NoCompress));

        await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, options, "plain").ResponseAsync.WithTimeout();

        Assert.Equal(((byte)0, "plain"), await seen.Task.WithTimeout());
    }

    [Fact]
    public async Task ClientStreaming_GzipRequested_EachMessageCompressedUnlessWriterSaysNot()
    {
        var seen = new TaskCompletionSource<List<(byte Flag, byte[] Payload)>>();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            seen.SetResult(await GrpcWire.ReadAllMessagesAsync(context.Request));
            await GrpcWire.RespondAsync(context, Utf8("ok"));
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions(GzipRequest));

        await call.RequestStream.WriteAsync("zipped").WithTimeout();
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync("plain").WithTimeout();
        await call.RequestStream.CompleteAsync().WithTimeout();
        await call.ResponseAsync.WithTimeout();

        var messages = await seen.Task.WithTimeout();
        Assert.Equal((byte)1, messages[0].Flag);
        Assert.Equal("zipped", Text(GrpcWire.Gunzip(messages[0].Payload)));
        Assert.Equal((byte)0, messages[1].Flag);
        Assert.Equal("plain", Text(messages[1].Payload));
    }

    [Fact]
    public async Task AsyncUnaryCall_UnknownRequestEncoding_FailsWithoutRequest()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("unexpected")));
        using var channel = Channel(server);
        var headers = new Metadata { { "grpc-internal-encoding-request", "br" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(headers), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task AsyncUnaryCall_MessageOverMaxSendSize_ResourceExhaustedWithoutRequest()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("unexpected")));
        using var channel = Channel(server, o => o.MaxSendMessageSize = 10);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "eleven byte").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }
}
