using Grpc.Core;

namespace CyberPledge.InteropClient.Cases;

/// <summary>cancel_after_begin: a client streaming call cancelled before any request is sent.</summary>
internal sealed class CancelAfterBeginCase : IInteropCase
{
    public string Name => "cancel_after_begin";

    public async Task RunAsync(InteropClients clients)
    {
        using var cancellation = new CancellationTokenSource();
        using var call = clients.Test.StreamingInputCall(cancellationToken: cancellation.Token);
        await cancellation.CancelAsync();
        var failure = await InteropAssert.FailsAsync(() => call.ResponseAsync, "StreamingInputCall");
        InteropAssert.Equal(StatusCode.Cancelled, failure.StatusCode, "status code");
    }
}
