using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>The calls of the status cases: the server is asked to end them with a given status (Echo Status).</summary>
internal static class EchoedStatus
{
    /// <summary>A UnaryCall that must end with the requested code and message.</summary>
    public static async Task AssertUnaryAsync(InteropClients clients, StatusCode code, string message)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)code, Message = message } };
        var failure = await InteropAssert.FailsAsync(() => clients.Test.UnaryCallAsync(request).ResponseAsync, "UnaryCall");
        InteropAssert.Status(code, message, failure, "UnaryCall");
    }

    /// <summary>A FullDuplexCall, half-closed after its one request, that must end with the requested code and message.</summary>
    public static async Task AssertFullDuplexAsync(InteropClients clients, StatusCode code, string message)
    {
        using var call = clients.Test.FullDuplexCall();
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = (int)code, Message = message } });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may end the call before the half-close is sent; the status is read below either way.
        }
        var failure = await InteropAssert.FailsAsync(() => call.ResponseStream.MoveNext(CancellationToken.None), "FullDuplexCall");
        InteropAssert.Status(code, message, failure, "FullDuplexCall");
    }
}
