using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>unimplemented_service: a call to a service the server does not have is UNIMPLEMENTED.</summary>
internal sealed class UnimplementedServiceCase : IInteropCase
{
    public string Name => "unimplemented_service";

    public async Task RunAsync(InteropClients clients)
    {
        var failure = await InteropAssert.FailsAsync(
            () => clients.Unimplemented.UnimplementedCallAsync(new Empty()).ResponseAsync,
            "UnimplementedService/UnimplementedCall");
        InteropAssert.Equal(StatusCode.Unimplemented, failure.StatusCode, "status code");
    }
}
