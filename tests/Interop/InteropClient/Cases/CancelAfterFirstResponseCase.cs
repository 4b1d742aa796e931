using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>cancel_after_first_response: a full duplex call cancelled once its first response arrived.</summary>
internal sealed class CancelAfterFirstResponseCase : IInteropCase
{
    public string Name => "cancel_after_first_response";

    public async Task RunAsync(InteropClients clients)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = clients.Test.FullDuplexCall(cancellationToken: cancellation.Token);
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
        {
            ResponseType = PayloadType.Compressable,
            ResponseParameters = { new ResponseParameters { Size = 31415 } },
            Payload = ZeroPayloads.OfSize(27182),
        });
        InteropAssert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "no first response");
        InteropAssert.ZeroPayload(call.ResponseStream.Current.Payload, 31415, "first response");

        await cancellation.CancelAsync();
        var failure = await InteropAssert.FailsAsync(() => call.ResponseStream.MoveNext(CancellationToken.None), "FullDuplexCall after cancel");
        InteropAssert.Equal(StatusCode.Cancelled, failure.StatusCode, "status code");
    }
}
