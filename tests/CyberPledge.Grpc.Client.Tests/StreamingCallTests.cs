namespace CyberPledge.Grpc.Client.Tests;

public sealed class StreamingCallTests
{
    [Fact]
    public async Task ServerStreaming_ThreeMessagesThenOk_ReadsAllThenEnds()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var request = await GrpcWire.ReadMessageAsync(context.Request);
            await GrpcWire.StartResponseAsync(context);
            for (var i = 1; i <= 3; i++)
            {
                await GrpcWire.WriteMessageAsync(context, Utf8(Text(request!.Value.Payload) + i));
            }
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "m");

        var messages = await call.ResponseStream.ReadAllAsync().ToListAsync().AsTask().WithTimeout();

        Assert.Equal(["m1", "m2", "m3"], messages);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_MoveNextThrowsAfterDeliveringThem()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("only"));
            GrpcWire.SetStatus(context, 14, "going away");
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "m");

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.Equal("only", call.ResponseStream.Current);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("going away", error.Status.Detail);
    }

    [Fact]
    public async Task ServerStreaming_TrailersOnlyOk_EndsWithoutMessages()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            context.Response.ContentType = GrpcWire.ContentType;
            context.Response.Headers["grpc-status"] = "0";
            return Task.CompletedTask;
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "m");

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ConcurrentMoveNext_ThrowsInvalidOperation()
    {
        var release = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await release.Task.WaitAsync(context.RequestAborted);
            await GrpcWire.WriteMessageAsync(context, Utf8("one"));
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "m");

        var first = call.ResponseStream.MoveNext(CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        release.SetResult();

        Assert.True(await first.WithTimeout());
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task ClientStreaming_WritesThenCompletes_ServerReceivesAllAndClientGetsResponse()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var messages = await GrpcWire.ReadAllMessagesAsync(context.Request);
            await GrpcWire.RespondAsync(context, Utf8(string.Join("+", messages.Select(m => Text(m.Payload)))));
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions());

        foreach (var part in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(part).WithTimeout();
        }
        await call.RequestStream.CompleteAsync().WithTimeout();

        Assert.Equal("a+b+c", await call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_NoMessages_ServerSeesEmptyStream()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            var messages = await GrpcWire.ReadAllMessagesAsync(context.Request);
            await GrpcWire.RespondAsync(context, Utf8("count=" + messages.Count));
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions());

        await call.RequestStream.CompleteAsync().WithTimeout();

        Assert.Equal("count=0", await call.ResponseAsync.WithTimeout());
    }

    [Fact]
    public async Task Duplex_ServerAnswersEachMessage_PingPong()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            while (await GrpcWire.ReadMessageAsync(context.Request) is { } message)
            {
                await GrpcWire.WriteMessageAsync(context, Utf8("echo:" + Text(message.Payload)));
            }
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(Duplex, null, new CallOptions());

        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync("m" + i).WithTimeout();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
            Assert.Equal("echo:m" + i, call.ResponseStream.Current);
        }
        await call.RequestStream.CompleteAsync().WithTimeout();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_ServerSpeaksFirst_HeadersAndMessageArriveBeforeAnyWrite()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            context.Response.Headers["greeting"] = "hi";
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("welcome"));
            await GrpcWire.ReadAllMessagesAsync(context.Request);
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(Duplex, null, new CallOptions());

        Assert.Equal("hi", (await call.ResponseHeadersAsync.WithTimeout()).GetValue("greeting"));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.Equal("welcome", call.ResponseStream.Current);
        await call.RequestStream.CompleteAsync().WithTimeout();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task Duplex_ServerEndsCallWhileClientStillOpen_MoveNextEndsAndWriteReportsCallComplete()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("bye"));
            GrpcWire.SetStatus(context, 0);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(Duplex, null, new CallOptions());

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync("too late").WithTimeout());
        await call.RequestStream.CompleteAsync().WithTimeout();
    }
}
