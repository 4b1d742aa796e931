using Grpc.Core;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;
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
}
