using System.Collections.Concurrent;
using Grpc.Core;
using CyberPledge.Grpc.Client.Tests.Infrastructure;

namespace CyberPledge.Grpc.Client.Tests;

/// <summary>When a connection's HTTP/2 streams run out, the channel opens another connection instead of queueing.</summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task ConcurrentCalls_ServerAllowsOneStreamPerConnection_EachCallGetsItsOwnConnection()
    {
        const int calls = 3;
        var connections = new ConcurrentDictionary<string, byte>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            connections.TryAdd(context.Connection.Id, 0);
            await GrpcWire.ReadMessageAsync(context.Request);
            if (Interlocked.Increment(ref arrived) == calls)
            {
                allArrived.TrySetResult();
            }
            // Every call holds its stream until all have arrived: with one stream per connection, only separate
            // connections let them all arrive.
            await allArrived.Task.WaitAsync(TestMethods.TestTimeout);
            await GrpcWire.RespondAsync(context, TestMethods.Utf8("ok"));
        }, tls: null, maxStreamsPerConnection: 1);
        using var channel = TestMethods.Channel(server);
        var invoker = channel.CreateCallInvoker();

        var responses = await Task.WhenAll(Enumerable.Range(0, calls)
            .Select(_ => invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "hi").ResponseAsync)).WithTimeout();

        Assert.All(responses, response => Assert.Equal("ok", response));
        Assert.Equal(calls, connections.Count);
    }
}
