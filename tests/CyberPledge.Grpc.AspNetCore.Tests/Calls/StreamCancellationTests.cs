using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>A client reset while a streaming handler waits to read ends the handler quietly: no unhandled exception.</summary>
public sealed class StreamCancellationTests
{
    [Fact]
    public async Task ClientResetsWhileHandlerReadsWithCallToken_HandlerEndsAndNothingIsLoggedAsError()
    {
        var observer = new CallObserver();
        await using var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(observer);
                services.AddGrpc();
            },
            app => app.MapGrpcService<ScriptedTestService>());
        using var client = new RawGrpcClient(server.Address);
        using var cancel = new CancellationTokenSource();

        var call = client.SendAsync("/grpc.testing.TestService/HalfDuplexCall",
            new OpenEndedContent(RawGrpcClient.Frame(new StreamingOutputCallRequest().ToByteArray()), cancel.Token), cancellationToken: cancel.Token);
        await observer.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await observer.HandlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200); // Kestrel logs an unhandled exception after the request delegate ends.
        Assert.Empty(server.Errors.Entries);
    }

    /// <summary>Sends one message, then keeps the request stream open until cancelled.</summary>
    private sealed class OpenEndedContent(byte[] first, CancellationToken cancellationToken) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(first, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
