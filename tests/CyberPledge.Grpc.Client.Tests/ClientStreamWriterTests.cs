namespace CyberPledge.Grpc.Client.Tests;

/// <summary>The request stream writer of client and duplex streaming calls.</summary>
public sealed class ClientStreamWriterTests
{
    [Fact]
    public async Task WriteAsync_PreviousWritePending_ThrowsInvalidOperation()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            // Headers are not answered and the body is not read until the test lets go.
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions());

        // Large enough to fill HTTP/2 flow control windows, so the first write stays pending.
        var pending = call.RequestStream.WriteAsync(new string('x', 8 * 1024 * 1024));
        var second = call.RequestStream.WriteAsync("second");

        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        Assert.False(pending.IsCompleted);
        call.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => pending.WithTimeout());
    }

    [Fact]
    public async Task WriteAsync_AfterComplete_ThrowsInvalidOperation()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.ReadAllMessagesAsync(context.Request);
            await GrpcWire.RespondAsync(context, Utf8("done"));
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions());

        await call.RequestStream.WriteAsync("a").WithTimeout();
        await call.RequestStream.CompleteAsync().WithTimeout();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync("late"));
        Assert.Equal("done", await call.ResponseAsync.WithTimeout());
    }

    [Fact]
    public async Task WriteAsync_AfterCallFailed_ThrowsCallsRpcException()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            context.Response.ContentType = GrpcWire.ContentType;
            context.Response.Headers["grpc-status"] = "12";
            context.Response.Headers["grpc-message"] = "not here";
            return Task.CompletedTask;
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions());
        var callError = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());

        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync("a").WithTimeout());

        Assert.Equal(StatusCode.Unimplemented, callError.StatusCode);
        Assert.Equal(callError.Status, writeError.Status);
    }

    [Fact]
    public async Task WriteAsync_MessageOverMaxSendSize_ResourceExhaustedAndCallEnds()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await GrpcWire.ReadAllMessagesAsync(context.Request);
        });
        using var channel = Channel(server, o => o.MaxSendMessageSize = 16);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(ClientStreaming, null, new CallOptions());

        await call.RequestStream.WriteAsync("small").WithTimeout();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new string('x', 17)).WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout())).StatusCode);
        await aborted.Task.WithTimeout();
    }
}
