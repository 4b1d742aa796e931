using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal.CallHandlers;

/// <summary>One request message, one response message.</summary>
internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker,
    ServerOptions options, ILogger logger, TimeProvider timeProvider)
    : ServerCallHandlerBase<TService, TRequest, TResponse>(method, options, logger, timeProvider)
    where TService : class where TRequest : class where TResponse : class
{
    protected override async Task HandleCallCoreAsync(HttpContext httpContext, HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(Method.RequestMarshaller.ContextualDeserializer);
        var response = await InvokeAsync(httpContext, request, call)
            ?? throw new RpcException(NoResponseStatus);
        await call.WriteMessageAsync(response, Method.ResponseMarshaller.ContextualSerializer, flush: false, CancellationToken.None);
    }

    private Task<TResponse> InvokeAsync(HttpContext httpContext, TRequest request, HttpContextServerCallContext call)
    {
        if (Options.Interceptors.Count == 0)
        {
            return invoker(ServiceActivator<TService>.Create(httpContext), request, call);
        }
        var next = Intercept<UnaryServerMethod<TRequest, TResponse>>(httpContext,
            (req, context) => invoker(ServiceActivator<TService>.Create(httpContext), req, context),
            (interceptor, inner) => (req, context) => interceptor.UnaryServerHandler(req, context, inner));
        return next(request, call);
    }
}
