using Grpc.Core;
using Grpc.Core.Interceptors;
using Xunit;

namespace CyberPledge.Grpc.Core.Tests;

public sealed class InterceptorTests
{
    private static readonly Method<string, string> Echo = new(MethodType.Unary, "s", "Echo", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

    [Fact]
    public void Intercept_SeveralInterceptors_FirstRunsOutermost()
    {
        var log = new List<string>();
        var invoker = new RecordingInvoker(log).Intercept(new Named("a", log), new Named("b", log));

        var response = invoker.BlockingUnaryCall(Echo, null, default, "x");

        Assert.Equal("x", response);
        Assert.Equal(["a", "b", "invoker"], log);
    }

    [Fact]
    public void Intercept_MetadataFunction_AddsHeaders()
    {
        var log = new List<string>();
        var invoker = new RecordingInvoker(log).Intercept(headers =>
        {
            headers.Add("authorization", "Bearer t");
            return headers;
        });

        invoker.BlockingUnaryCall(Echo, null, default, "x");

        Assert.Equal(["invoker authorization=Bearer t"], log);
    }

    private sealed class Named(string name, List<string> log) : Interceptor
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            log.Add(name);
            return continuation(request, context);
        }
    }

    private sealed class RecordingInvoker(List<string> log) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            log.Add(options.Headers is { Count: > 0 } headers ? $"invoker {headers[0].Key}={headers[0].Value}" : "invoker");
            return (TResponse)(object)request;
        }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }
}
