using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropServer;

/// <summary>
/// grpc.testing.TestService as the "Server" section of the gRPC interop test description defines it.
/// UnimplementedCall and CacheableUnaryCall are left to the base class, which answers UNIMPLEMENTED.
/// </summary>
public sealed class TestServiceImpl : TestService.TestServiceBase
{
    private static readonly Empty EmptyResponse = new();

    /// <inheritdoc />
    public override async Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        await ResponseHeaders.SendAsync(context);
        return EmptyResponse;
    }

    /// <inheritdoc />
    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        // Completes synchronously unless response headers are due: the benchmarked path awaits nothing.
        await ResponseHeaders.SendAsync(context, ResponseCompression.IsRequested(request.ResponseCompressed));
        RequestChecks.ThrowIfStatusRequested(request.ResponseStatus);
        RequestChecks.ThrowIfUnsupported(request.ResponseType);
        context.WriteOptions = ResponseCompression.WriteOptionsFor(request.ResponseCompressed);
        return new SimpleResponse { Payload = RequestChecks.PayloadOfSize(request.ResponseSize) };
    }

    /// <inheritdoc />
    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        var compress = request.ResponseParameters.Any(parameters => ResponseCompression.IsRequested(parameters.Compressed));
        await ResponseHeaders.SendAsync(context, compress);
        RequestChecks.ThrowIfStatusRequested(request.ResponseStatus);
        await StreamingResponses.WriteAsync(request, responseStream, context);
    }

    /// <inheritdoc />
    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream,
        ServerCallContext context)
    {
        await ResponseHeaders.SendAsync(context);
        var aggregatedSize = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            aggregatedSize += requestStream.Current.Payload?.Body.Length ?? 0;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = aggregatedSize };
    }

    /// <inheritdoc />
    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        // The headers go before the first request is read, so per-message compression is not offered here
        // (no interop case asks for it on this method); an explicit compressed=false is still honoured.
        await ResponseHeaders.SendAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            // Echo Status: the call ends here; later requests are not processed.
            RequestChecks.ThrowIfStatusRequested(request.ResponseStatus);
            await StreamingResponses.WriteAsync(request, responseStream, context);
        }
    }

    /// <inheritdoc />
    public override async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await ResponseHeaders.SendAsync(context);
        var buffered = new List<StreamingOutputCallRequest>();
        EchoStatus? requestedStatus = null;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            if (RequestChecks.IsStatusRequested(request.ResponseStatus))
            {
                // Requests after it are not processed; those before it are answered first, as in FullDuplexCall.
                requestedStatus = request.ResponseStatus;
                break;
            }
            buffered.Add(request);
        }
        foreach (var request in buffered)
        {
            await StreamingResponses.WriteAsync(request, responseStream, context);
        }
        RequestChecks.ThrowIfStatusRequested(requestedStatus);
    }
}
