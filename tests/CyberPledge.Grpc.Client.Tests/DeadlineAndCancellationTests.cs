using Grpc.Core;
using Grpc.Net.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static Grpc.Net.Client.Tests.Infrastructure.TestMethods;

namespace Grpc.Net.Client.Tests;

public sealed class DeadlineAndCancellationTests
{
    /// <summary>A server that never answers; it reports when the client's reset (RST_STREAM) reaches it.</summary>
    private static RequestDelegate NeverAnswers(TaskCompletionSource aborted, TaskCompletionSource<string?>? timeoutHeader = null) => async context =>
    {
        timeoutHeader?.TrySetResult(context.Request.Headers["grpc-timeout"].FirstOrDefault());
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            aborted.TrySetResult();
        }
    };

    [Fact]
    public async Task AsyncUnaryCall_DeadlineExpiresWhileServerSilent_DeadlineExceededAndStreamReset()
    {
        var time = new ManualTimeProvider();
        var aborted = new TaskCompletionSource();
        var timeoutHeader = new TaskCompletionSource<string?>();
        await using var server = await FakeGrpcServer.StartAsync(NeverAnswers(aborted, timeoutHeader));
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
            await NeverAnswers(aborted)(context);
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
    public async Task AsyncUnaryCall_CancellationTokenCancelled_CancelledAndStreamReset()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(NeverAnswers(aborted));
        using var channel = Channel(server);
        using var cts = new CancellationTokenSource();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(cancellationToken: cts.Token), "x");
        await WaitForRequestAsync(server);

        await cts.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await aborted.Task.WithTimeout();
    }

    [Fact]
    public async Task AsyncUnaryCall_CancelledWithThrowOperationCanceled_OperationCanceledException()
    {
        var aborted = new TaskCompletionSource();
        await using var server = await FakeGrpcServer.StartAsync(NeverAnswers(aborted));
        using var channel = Channel(server, o => o.ThrowOperationCanceledOnCancellation = true);
        using var cts = new CancellationTokenSource();
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(cancellationToken: cts.Token), "x");
        await WaitForRequestAsync(server);

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
        await using var server = await FakeGrpcServer.StartAsync(NeverAnswers(aborted));
        using var channel = Channel(server);
        var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "x");
        await WaitForRequestAsync(server);

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
            await NeverAnswers(aborted)(context);
        });
        using var channel = Channel(server);
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(ServerStreaming, null, new CallOptions(), "x");
        using var cts = new CancellationTokenSource();

        var next = call.ResponseStream.MoveNext(cts.Token);
        await WaitForRequestAsync(server);
        await cts.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => next.WithTimeout());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
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
        await WaitForRequestAsync(server);
        // The deadline has passed but the client's timer has not run yet; the server's CANCELLED arrives first.
        time.AdvanceWithoutFiring(TimeSpan.FromSeconds(2));

        release.SetResult();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static async Task WaitForRequestAsync(FakeGrpcServer server)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        while (server.RequestCount == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
