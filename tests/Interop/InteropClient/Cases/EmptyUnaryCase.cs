using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>empty_unary: zero-size messages both ways.</summary>
internal sealed class EmptyUnaryCase : IInteropCase
{
    public string Name => "empty_unary";

    public async Task RunAsync(InteropClients clients)
    {
        var response = await clients.Test.EmptyCallAsync(new Empty());
        InteropAssert.True(response is not null, "EmptyCall: response is null");
    }
}
