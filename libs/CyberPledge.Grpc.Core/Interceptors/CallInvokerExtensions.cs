namespace Grpc.Core.Interceptors;

/// <summary>Wraps call invokers and channels in interceptors.</summary>
public static class CallInvokerExtensions
{
    /// <summary>An invoker whose calls go through <paramref name="interceptor"/> first.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, Interceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(interceptor);
        return new InterceptingCallInvoker(invoker, interceptor);
    }

    /// <summary>An invoker whose calls go through the interceptors, the last one first.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, params Interceptor[] interceptors)
    {
        ArgumentNullException.ThrowIfNull(interceptors);
        foreach (var interceptor in interceptors.Reverse())
        {
            invoker = Intercept(invoker, interceptor);
        }
        return invoker;
    }

    /// <summary>An invoker that rewrites each call's request headers.</summary>
    public static CallInvoker Intercept(this CallInvoker invoker, Func<Metadata, Metadata> interceptor) =>
        Intercept(invoker, new MetadataInterceptor(interceptor));

    /// <summary>An invoker for the channel whose calls go through <paramref name="interceptor"/> first.</summary>
    public static CallInvoker Intercept(this ChannelBase channel, Interceptor interceptor) =>
        Intercept(channel.CreateCallInvoker(), interceptor);

    /// <summary>An invoker for the channel whose calls go through the interceptors, the last one first.</summary>
    public static CallInvoker Intercept(this ChannelBase channel, params Interceptor[] interceptors) =>
        Intercept(channel.CreateCallInvoker(), interceptors);

    private sealed class MetadataInterceptor(Func<Metadata, Metadata> rewrite) : Interceptor
    {
        protected override ClientInterceptorContext<TRequest, TResponse> Rewrite<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context) =>
            new(context.Method, context.Host, context.Options.WithHeaders(rewrite(context.Options.Headers ?? [])));
    }
}

/// <summary>An invoker that passes each call through one interceptor to the next invoker.</summary>
internal sealed class InterceptingCallInvoker(CallInvoker next, Interceptor interceptor) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        interceptor.BlockingUnaryCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, host, options),
            (req, ctx) => next.BlockingUnaryCall(ctx.Method, ctx.Host, ctx.Options, req));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        interceptor.AsyncUnaryCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, host, options),
            (req, ctx) => next.AsyncUnaryCall(ctx.Method, ctx.Host, ctx.Options, req));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        interceptor.AsyncServerStreamingCall(request, new ClientInterceptorContext<TRequest, TResponse>(method, host, options),
            (req, ctx) => next.AsyncServerStreamingCall(ctx.Method, ctx.Host, ctx.Options, req));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        interceptor.AsyncClientStreamingCall(new ClientInterceptorContext<TRequest, TResponse>(method, host, options),
            ctx => next.AsyncClientStreamingCall(ctx.Method, ctx.Host, ctx.Options));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        interceptor.AsyncDuplexStreamingCall(new ClientInterceptorContext<TRequest, TResponse>(method, host, options),
            ctx => next.AsyncDuplexStreamingCall(ctx.Method, ctx.Host, ctx.Options));
}
