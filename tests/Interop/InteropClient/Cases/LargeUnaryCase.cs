using CyberPledge.InteropServer.Shared;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>large_unary: a 271828-byte request for a 314159-byte response.</summary>
internal sealed class LargeUnaryCase : IInteropCase
{
    public string Name => "large_unary";

    public async Task RunAsync(InteropClients clients)
    {
        var response = await clients.Test.UnaryCallAsync(new SimpleRequest
        {
            ResponseType = PayloadType.Compressable,
            ResponseSize = 314159,
            Payload = ZeroPayloads.OfSize(271828),
        });
        InteropAssert.ZeroPayload(response.Payload, 314159, "UnaryCall response");
    }
}
