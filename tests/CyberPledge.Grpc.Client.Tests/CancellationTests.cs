namespace CyberPledge.Grpc.Client.Tests;

/// <summary>Cancellation by token, by MoveNext's token, and by disposing the call.</summary>
public sealed class CancellationTests
{
    /// <summary>A server that never answers; it reports when the client's reset (RST_STREAM) reaches it.</summary>
    [Fact]
    public async Task AsyncUnaryCall_CancellationTokenCancelled_CancelledAndStreamReset()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(FakeHandlers.NeverAnswers(aborted));
        using var channel = Channel(server);
        using var cts = new CancellationTokenSource();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(cancellationToken: cts.Token), "x");
        await server.WaitForRequestAsync();

        await cts.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await aborted.Task.WithTimeout();
    }

    [Fact]
    public async Task AsyncUnaryCall_CancelledWithThrowOperationCanceled_OperationCanceledException()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(FakeHandlers.NeverAnswers(aborted));
        using var channel = Channel(server, o => o.ThrowOperationCanceledOnCancellation = true);
        using var cts = new CancellationTokenSource();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(cancellationToken: cts.Token), "x");
        await server.WaitForRequestAsync();

        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_TokenAlreadyCancelled_CancelledWithoutRequest()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("unexpected")));
        using var channel = Channel(server);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(cancellationToken: new CancellationToken(true)), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Dispose_CallRunning_CancelsCallAndResetsStream()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(FakeHandlers.NeverAnswers(aborted));
        using var channel = Channel(server);
        var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "x");
        await server.WaitForRequestAsync();

        call.Dispose();

        await aborted.Task.WithTimeout();
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task MoveNext_TokenCancelled_CancelsCall()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await FakeHandlers.NeverAnswers(aborted)(context);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "x");
        using var cts = new CancellationTokenSource();

        var next = call.ResponseStream.MoveNext(cts.Token);
        await server.WaitForRequestAsync();
        await cts.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => next.WithTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await aborted.Task.WithTimeout();
    }
}
