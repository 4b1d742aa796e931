using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal.CallHandlers;

/// <summary>A stream of messages each way.</summary>
internal sealed class DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
    ServerOptions options, ILogger logger, TimeProvider timeProvider)
    : ServerCallHandlerBase<TService, TRequest, TResponse>(method, options, logger, timeProvider)
    where TService : class where TRequest : class where TResponse : class
{
    protected override Task HandleCallCoreAsync(HttpContext httpContext, HttpContextServerCallContext call)
    {
        var reader = new HttpContextStreamReader<TRequest>(call, Method.RequestMarshaller.ContextualDeserializer);
        var writer = new HttpContextStreamWriter<TResponse>(call, Method.ResponseMarshaller.ContextualSerializer);
        var next = Intercept<DuplexStreamingServerMethod<TRequest, TResponse>>(httpContext,
            (requests, responses, context) => invoker(ServiceActivator<TService>.Create(httpContext), requests, responses, context),
            (interceptor, inner) => (requests, responses, context) => interceptor.DuplexStreamingServerHandler(requests, responses, context, inner));
        return next(reader, writer, call);
    }
}
