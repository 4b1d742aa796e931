using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal.CallHandlers;

/// <summary>One request message, a stream of response messages.</summary>
internal sealed class ServerStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
    ServerOptions options, ILogger logger, TimeProvider timeProvider)
    : ServerCallHandlerBase<TService, TRequest, TResponse>(method, options, logger, timeProvider)
    where TService : class where TRequest : class where TResponse : class
{
    protected override async Task HandleCallCoreAsync(HttpContext httpContext, HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(Method.RequestMarshaller.ContextualDeserializer);
        var writer = new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller.ContextualSerializer);
        if (Options.Interceptors.Count == 0)
        {
            await invoker(ServiceActivator<TService>.Create(httpContext), request, writer, call);
            return;
        }
        var next = Intercept<ServerStreamingServerMethod<TRequest, TResponse>>(httpContext,
            (req, stream, context) => invoker(ServiceActivator<TService>.Create(httpContext), req, stream, context),
            (interceptor, inner) => (req, stream, context) => interceptor.ServerStreamingServerHandler(req, stream, context, inner));
        await next(request, writer, call);
    }
}
