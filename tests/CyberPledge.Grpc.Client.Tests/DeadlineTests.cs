using CyberPledge.Testing;

namespace CyberPledge.Grpc.Client.Tests;

/// <summary>Deadlines measured on an injected clock: the client fails the call itself when one passes.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task AsyncUnaryCall_DeadlineExpiresWhileServerSilent_DeadlineExceededAndStreamReset()
    {
        var time = new ManualTimeProvider();
        var aborted = new TaskCompletionSource();
        var timeoutHeader = new TaskCompletionSource<string?>();
        await using var server = await FakeGrpcServer.StartAsync(FakeHandlers.NeverAnswers(aborted, timeoutHeader));
        using var channel = Channel(server, o => o.TimeProvider = time);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(deadline: time.GetUtcNow().UtcDateTime.AddSeconds(5)), "x");
        Assert.Equal("5000000u", await timeoutHeader.Task.WithTimeout());
        Assert.False(call.ResponseAsync.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
        await aborted.Task.WithTimeout();
    }

    [Fact]
    public async Task AsyncUnaryCall_DeadlineAlreadyPassed_DeadlineExceededWithoutRequest()
    {
        var time = new ManualTimeProvider();
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("unexpected")));
        using var channel = Channel(server, o => o.TimeProvider = time);

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(deadline: time.GetUtcNow().UtcDateTime.AddMilliseconds(-1)), "x");

        Assert.True(call.ResponseAsync.IsCompleted);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task AsyncUnaryCall_AnsweredBeforeDeadline_TimerReleased()
    {
        var time = new ManualTimeProvider();
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("in time")));
        using var channel = Channel(server, o => o.TimeProvider = time);

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(deadline: time.GetUtcNow().UtcDateTime.AddMinutes(1)), "x").ResponseAsync.WithTimeout();

        Assert.Equal("in time", response);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task ServerStreaming_DeadlineExpiresBetweenMessages_MoveNextThrowsDeadlineExceeded()
    {
        var time = new ManualTimeProvider();
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("first"));
            await FakeHandlers.NeverAnswers(aborted)(context);
        });
        using var channel = Channel(server, o => o.TimeProvider = time);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(deadline: time.GetUtcNow().UtcDateTime.AddSeconds(1)), "x");

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        var next = call.ResponseStream.MoveNext(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<RpcException>(() => next.WithTimeout());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await aborted.Task.WithTimeout();
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerCancelsAfterDeadlinePassed_DeadlineExceeded()
    {
        var time = new ManualTimeProvider();
        var release = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await release.Task;
            context.Response.ContentType = GrpcWire.ContentType;
            context.Response.Headers["grpc-status"] = "1";
        });
        using var channel = Channel(server, o => o.TimeProvider = time);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(deadline: time.GetUtcNow().UtcDateTime.AddSeconds(1)), "x");
        await server.WaitForRequestAsync();
        // The deadline has passed but the client's timer has not run yet; the server's CANCELLED arrives first.
        time.AdvanceWithoutFiring(TimeSpan.FromSeconds(2));

        release.SetResult();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
