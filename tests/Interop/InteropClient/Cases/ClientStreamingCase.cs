using CyberPledge.InteropServer.Shared;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>client_streaming: four requests, one response with their total size.</summary>
internal sealed class ClientStreamingCase : IInteropCase
{
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];

    public string Name => "client_streaming";

    public async Task RunAsync(InteropClients clients)
    {
        using var call = clients.Test.StreamingInputCall();
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = ZeroPayloads.OfSize(size) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        InteropAssert.Equal(74922, response.AggregatedPayloadSize, "aggregated_payload_size");
    }
}
