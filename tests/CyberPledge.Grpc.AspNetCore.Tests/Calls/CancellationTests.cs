using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>A client that gives up on a call resets its stream (RST_STREAM CANCEL); the handler must see cancellation.</summary>
public sealed class CancellationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ClientResetsStream_HandlerTokenIsCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var call = fixture.Client.SendAsync("/grpc.testing.TestService/CacheableUnaryCall",
            new ByteArrayContent(RawGrpcClient.Frame(new SimpleRequest().ToByteArray())), cancellationToken: cancel.Token);
        await fixture.Observer.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => call);
        await fixture.Observer.HandlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
