using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using CyberPledge.Testing;
using Google.Protobuf;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>grpc-timeout deadlines, on a clock the test moves.</summary>
public sealed class DeadlineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<(TestServer Server, RawGrpcClient Client)> StartAsync(ManualTimeProvider clock, CallObserver observer)
    {
        var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(observer);
                services.AddGrpc();
            },
            app => app.MapGrpcService<ScriptedTestService>());
        return (server, new RawGrpcClient(server.Address));
    }

    [Fact]
    public async Task GrpcTimeout_Expires_HandlerCancelledAndDeadlineExceeded()
    {
        var clock = new ManualTimeProvider();
        var observer = new CallObserver();
        var (server, client) = await StartAsync(clock, observer);
        await using var _ = server;
        using var __ = client;

        var call = client.SendAsync("/grpc.testing.TestService/CacheableUnaryCall",
            RawGrpcClient.Frame(new SimpleRequest().ToByteArray()), headers => headers.Add("grpc-timeout", "5S"));
        await observer.HandlerStarted.Task.WaitAsync(Wait);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(5), observer.Deadline);
        Assert.False(observer.HandlerCancelled.Task.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(5));
        var response = await call.WaitAsync(Wait);

        Assert.Equal("4", response.GrpcStatus);
        await observer.HandlerCancelled.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task GrpcTimeout_NotYetExpired_CallKeepsRunning()
    {
        var clock = new ManualTimeProvider();
        var observer = new CallObserver();
        var (server, client) = await StartAsync(clock, observer);
        await using var _ = server;
        using var __ = client;

        using var cancel = new CancellationTokenSource();
        var call = client.SendAsync("/grpc.testing.TestService/CacheableUnaryCall",
            RawGrpcClient.Frame(new SimpleRequest().ToByteArray()), headers => headers.Add("grpc-timeout", "1000m"));
        await observer.HandlerStarted.Task.WaitAsync(Wait);

        clock.Advance(TimeSpan.FromMilliseconds(999));

        await Task.Delay(200);
        Assert.False(observer.HandlerCancelled.Task.IsCompleted);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("4", (await call.WaitAsync(Wait)).GrpcStatus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456789S")]
    [InlineData("10x")]
    [InlineData("-1S")]
    public async Task GrpcTimeout_Invalid_IsIgnoredAndCallHasNoDeadline(string timeout)
    {
        var clock = new ManualTimeProvider();
        var observer = new CallObserver();
        var (server, client) = await StartAsync(clock, observer);
        await using var _ = server;
        using var __ = client;

        var response = await client.SendAsync("/grpc.testing.TestService/UnaryCall",
            RawGrpcClient.Frame(new SimpleRequest().ToByteArray()), headers => headers.TryAddWithoutValidation("grpc-timeout", timeout));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(0, clock.PendingTimers);
    }
}
