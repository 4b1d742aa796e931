using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>unimplemented_method: a call to a method the server's TestService does not implement is UNIMPLEMENTED.</summary>
internal sealed class UnimplementedMethodCase : IInteropCase
{
    public string Name => "unimplemented_method";

    public async Task RunAsync(InteropClients clients)
    {
        var failure = await InteropAssert.FailsAsync(
            () => clients.Test.UnimplementedCallAsync(new Empty()).ResponseAsync,
            "TestService/UnimplementedCall");
        InteropAssert.Equal(StatusCode.Unimplemented, failure.StatusCode, "status code");
    }
}
