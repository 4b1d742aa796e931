using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>timeout_on_sleeping_server: a full duplex call with a 1 ms deadline that the server never answers.</summary>
internal sealed class TimeoutOnSleepingServerCase : IInteropCase
{
    public string Name => "timeout_on_sleeping_server";

    public async Task RunAsync(InteropClients clients)
    {
        using var call = clients.Test.FullDuplexCall(deadline: DateTime.UtcNow.AddMilliseconds(1));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = ZeroPayloads.OfSize(27182) });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The deadline may pass before the request is written; the status is what is checked below.
        }
        var failure = await InteropAssert.FailsAsync(() => call.ResponseStream.MoveNext(CancellationToken.None), "FullDuplexCall");
        InteropAssert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode, "status code");
    }
}
