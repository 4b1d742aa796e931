using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>A handler that calls on with its propagation token passes its deadline and cancellation to the child call.</summary>
public sealed class PropagationTests
{
    [Fact]
    public async Task ChildCall_WithPropagationToken_GetsParentDeadlineAndCancellation()
    {
        var observer = new CallObserver();
        await using var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(observer);
                services.AddGrpc();
            },
            app =>
            {
                app.MapGrpcService<ScriptedTestService>();
                app.MapGrpcService<RelayService>();
            });
        RelayService.Target = server.Address;
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new UnimplementedService.UnimplementedServiceClient(channel);
        using var cancel = new CancellationTokenSource();
        var parentDeadline = DateTime.UtcNow.AddMinutes(5);

        var call = client.UnimplementedCallAsync(new Empty(), deadline: parentDeadline, cancellationToken: cancel.Token);
        await observer.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // grpc-timeout is relative, so each hop's deadline moves by that hop's latency; without propagation it is MaxValue.
        Assert.InRange(observer.Deadline, parentDeadline.AddSeconds(-10), parentDeadline.AddSeconds(5));
        await cancel.CancelAsync();
        await observer.HandlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    /// <summary>Relays to TestService.CacheableUnaryCall (which waits for cancellation) with its propagation token.</summary>
    private sealed class RelayService : UnimplementedService.UnimplementedServiceBase
    {
        public static Uri Target { get; set; } = null!;

        public override async Task<Empty> UnimplementedCall(Empty request, ServerCallContext context)
        {
            using var channel = GrpcChannel.ForAddress(Target);
            var child = new TestService.TestServiceClient(channel);
            await child.CacheableUnaryCallAsync(new SimpleRequest(), new CallOptions(propagationToken: context.CreatePropagationToken()));
            return new Empty();
        }
    }
}
