using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal.CallHandlers;

/// <summary>A stream of request messages, one response message.</summary>
internal sealed class ClientStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoker,
    ServerOptions options, ILogger logger, TimeProvider timeProvider)
    : ServerCallHandlerBase<TService, TRequest, TResponse>(method, options, logger, timeProvider)
    where TService : class where TRequest : class where TResponse : class
{
    protected override async Task HandleCallCoreAsync(HttpContext httpContext, HttpContextServerCallContext call)
    {
        var reader = new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller.ContextualDeserializer);
        var response = await InvokeAsync(httpContext, reader, call)
            ?? throw new RpcException(NoResponseStatus);
        await call.WriteMessageAsync(response, Method.ResponseMarshaller.ContextualSerializer, flush: false, CancellationToken.None);
    }

    private Task<TResponse> InvokeAsync(HttpContext httpContext, IAsyncStreamReader<TRequest> reader, HttpContextServerCallContext call)
    {
        var next = Intercept<ClientStreamingServerMethod<TRequest, TResponse>>(httpContext,
            (stream, context) => invoker(ServiceActivator<TService>.Create(httpContext), stream, context),
            (interceptor, inner) => (stream, context) => interceptor.ClientStreamingServerHandler(stream, context, inner));
        return next(reader, call);
    }
}
