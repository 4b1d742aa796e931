using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Starts calls over a <see cref="GrpcChannel"/>'s HTTP handler.</summary>
internal sealed class HttpClientCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        using var call = AsyncUnaryCall(method, host, options, request);
        return call.ResponseAsync.GetAwaiter().GetResult();
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = CreateCall(method, host, options);
        var response = call.StartUnary(request);
        return new AsyncUnaryCall<TResponse>(
            response,
            GrpcCall<TRequest, TResponse>.ResponseHeadersFunc,
            GrpcCall<TRequest, TResponse>.StatusFunc,
            GrpcCall<TRequest, TResponse>.TrailersFunc,
            GrpcCall<TRequest, TResponse>.DisposeAction,
            call);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = CreateCall(method, host, options);
        var reader = call.StartServerStreaming(request);
        return new AsyncServerStreamingCall<TResponse>(
            reader,
            GrpcCall<TRequest, TResponse>.ResponseHeadersFunc,
            GrpcCall<TRequest, TResponse>.StatusFunc,
            GrpcCall<TRequest, TResponse>.TrailersFunc,
            GrpcCall<TRequest, TResponse>.DisposeAction,
            call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = CreateCall(method, host, options);
        var (writer, response) = call.StartClientStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            writer,
            response,
            GrpcCall<TRequest, TResponse>.ResponseHeadersFunc,
            GrpcCall<TRequest, TResponse>.StatusFunc,
            GrpcCall<TRequest, TResponse>.TrailersFunc,
            GrpcCall<TRequest, TResponse>.DisposeAction,
            call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = CreateCall(method, host, options);
        var (writer, reader) = call.StartDuplexStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            writer,
            reader,
            GrpcCall<TRequest, TResponse>.ResponseHeadersFunc,
            GrpcCall<TRequest, TResponse>.StatusFunc,
            GrpcCall<TRequest, TResponse>.TrailersFunc,
            GrpcCall<TRequest, TResponse>.DisposeAction,
            call);
    }

    private GrpcCall<TRequest, TResponse> CreateCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        channel.ThrowIfDisposed();
        return new GrpcCall<TRequest, TResponse>(channel, method, host, options);
    }
}
