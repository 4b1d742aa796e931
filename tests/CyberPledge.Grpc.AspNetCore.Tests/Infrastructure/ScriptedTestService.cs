using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;

/// <summary>
/// grpc.testing.TestService with behaviour the server tests need: echo of status and metadata, a handler that waits
/// for cancellation, one that throws with a secret in its message.
/// </summary>
public sealed class ScriptedTestService(CallObserver observer) : TestService.TestServiceBase
{
    public const string Secret = "connection string: Password=hunter2";

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        observer.LastRequestHeaders = context.RequestHeaders;
        observer.LastPeer = context.Peer;
        if (context.RequestHeaders.GetValue("x-echo-initial") is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { "x-echo-initial", initial } });
        }
        if (context.RequestHeaders.GetValueBytes("x-echo-trailing-bin") is { } trailing)
        {
            context.ResponseTrailers.Add("x-echo-trailing-bin", trailing);
        }
        if (request.ResponseStatus is { Code: not 0 } status)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
        return new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } };
    }

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) =>
        throw new InvalidOperationException(Secret);

    /// <summary>Waits until the call is cancelled (deadline or client), and records that it was.</summary>
    public override async Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context)
    {
        observer.Deadline = context.Deadline;
        observer.HandlerStarted.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        finally
        {
            observer.HandlerCancelled.TrySetResult();
        }
        return new SimpleResponse();
    }

    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[parameters.Size]) } });
        }
        if (request.ResponseStatus is { Code: not 0 } status)
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var total = 0;
        await foreach (var message in requestStream.ReadAllAsync())
        {
            total += message.Payload.Body.Length;
        }
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    /// <summary>Reads with the call's token until the client goes away.</summary>
    public override async Task HalfDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                observer.HandlerStarted.TrySetResult();
            }
        }
        finally
        {
            observer.HandlerCancelled.TrySetResult();
        }
    }

    public override async Task FullDuplexCall(IAsyncStreamReader<StreamingOutputCallRequest> requestStream, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync())
        {
            foreach (var parameters in request.ResponseParameters)
            {
                await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[parameters.Size]) } });
            }
        }
    }
}

/// <summary>What the scripted service saw, for assertions.</summary>
public sealed class CallObserver
{
    public Metadata? LastRequestHeaders { get; set; }

    public string? LastPeer { get; set; }

    public DateTime Deadline { get; set; }

    public TaskCompletionSource HandlerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HandlerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
