using Grpc.Core;

namespace CyberPledge.InteropClient.Cases;

/// <summary>empty_stream: a full duplex call with no messages either way.</summary>
internal sealed class EmptyStreamCase : IInteropCase
{
    public string Name => "empty_stream";

    public async Task RunAsync(InteropClients clients)
    {
        using var call = clients.Test.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        InteropAssert.True(!await call.ResponseStream.MoveNext(CancellationToken.None), "expected zero responses, got one");
        InteropAssert.Equal(StatusCode.OK, call.GetStatus().StatusCode, "status");
    }
}
