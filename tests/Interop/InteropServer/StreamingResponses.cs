using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropServer;

/// <summary>The responses of StreamingOutputCall, FullDuplexCall and HalfDuplexCall: one per ResponseParameters, in order.</summary>
internal static class StreamingResponses
{
    public static async Task WriteAsync(
        StreamingOutputCallRequest request,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        RequestChecks.ThrowIfUnsupported(request.ResponseType);
        foreach (var parameters in request.ResponseParameters)
        {
            var payload = RequestChecks.PayloadOfSize(parameters.Size);
            if (parameters.IntervalUs > 0)
            {
                // interval_us is a sleep before this response, relative to the previous one.
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }
            responseStream.WriteOptions = ResponseCompression.WriteOptionsFor(parameters.Compressed);
            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = payload });
        }
    }
}
