using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>server_streaming: one request, four responses of the requested sizes, in order.</summary>
internal sealed class ServerStreamingCase : IInteropCase
{
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];

    public string Name => "server_streaming";

    public async Task RunAsync(InteropClients clients)
    {
        var request = new StreamingOutputCallRequest { ResponseType = PayloadType.Compressable };
        foreach (var size in ResponseSizes)
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = size });
        }
        using var call = clients.Test.StreamingOutputCall(request);
        var count = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            InteropAssert.True(count < ResponseSizes.Length, $"more than {ResponseSizes.Length} responses");
            InteropAssert.ZeroPayload(call.ResponseStream.Current.Payload, ResponseSizes[count], $"response {count + 1}");
            count++;
        }
        InteropAssert.Equal(ResponseSizes.Length, count, "number of responses");
        InteropAssert.Equal(StatusCode.OK, call.GetStatus().StatusCode, "status");
    }
}
