using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>ping_pong: four request/response rounds on one full duplex call, then half-close.</summary>
internal sealed class PingPongCase : IInteropCase
{
    private static readonly (int ResponseSize, int PayloadSize)[] Rounds = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)];

    public string Name => "ping_pong";

    public async Task RunAsync(InteropClients clients)
    {
        using var call = clients.Test.FullDuplexCall();
        for (var round = 0; round < Rounds.Length; round++)
        {
            var (responseSize, payloadSize) = Rounds[round];
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
            {
                ResponseType = PayloadType.Compressable,
                ResponseParameters = { new ResponseParameters { Size = responseSize } },
                Payload = ZeroPayloads.OfSize(payloadSize),
            });
            InteropAssert.True(await call.ResponseStream.MoveNext(CancellationToken.None), $"no response to request {round + 1}");
            InteropAssert.ZeroPayload(call.ResponseStream.Current.Payload, responseSize, $"response {round + 1}");
        }
        await call.RequestStream.CompleteAsync();
        InteropAssert.True(!await call.ResponseStream.MoveNext(CancellationToken.None), $"more than {Rounds.Length} responses");
        InteropAssert.Equal(StatusCode.OK, call.GetStatus().StatusCode, "status");
    }
}
