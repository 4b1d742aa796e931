using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal.CallHandlers;

/// <summary>What every call type shares: request validation, the call context, ending with a status.</summary>
internal abstract class ServerCallHandlerBase<TService, TRequest, TResponse>
    where TService : class where TRequest : class where TResponse : class
{
    protected ServerCallHandlerBase(Method<TRequest, TResponse> method, ServerOptions options, ILogger logger, TimeProvider timeProvider)
    {
        Method = method;
        Options = options;
        Logger = logger;
        TimeProvider = timeProvider;
    }

    protected Method<TRequest, TResponse> Method { get; }

    protected ServerOptions Options { get; }

    protected ILogger Logger { get; }

    protected TimeProvider TimeProvider { get; }

    public Task HandleCallAsync(HttpContext httpContext)
    {
        if (!RequestValidation.TryValidate(httpContext, Logger))
        {
            return Task.CompletedTask;
        }
        return HandleValidCallAsync(httpContext);
    }

    private async Task HandleValidCallAsync(HttpContext httpContext)
    {
        using var call = new HttpContextServerCallContext(httpContext, Options, Method, Logger, TimeProvider);
        if (call.Initialize() is { } rejected)
        {
            call.Status = rejected;
            await call.EndCallAsync();
            return;
        }
        if (Method.Type != MethodType.Unary)
        {
            call.EndOnShutdown(httpContext.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? default);
        }
        try
        {
            await HandleCallCoreAsync(httpContext, call);
            await call.EndCallAsync();
        }
        catch (Exception ex)
        {
            await call.EndCallWithErrorAsync(ex);
        }
    }

    protected abstract Task HandleCallCoreAsync(HttpContext httpContext, HttpContextServerCallContext call);

    /// <summary>The status of a handler that returned no response message.</summary>
    protected static readonly Status NoResponseStatus = new(StatusCode.Internal, "No message returned from method.");

    /// <summary>Wraps <paramref name="handler"/> in the configured interceptors, each activated for this call, the first registered outermost.</summary>
    protected TDelegate Intercept<TDelegate>(HttpContext httpContext, TDelegate handler, Func<Interceptor, TDelegate, TDelegate> wrap)
    {
        for (var i = Options.Interceptors.Count - 1; i >= 0; i--)
        {
            handler = wrap(ServiceActivator<TService>.CreateInterceptor(httpContext, Options.Interceptors[i]), handler);
        }
        return handler;
    }
}
