using CyberPledge.Gateway.Callers;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CyberPledge.Gateway.Routing;

/// <summary>
/// A forwarded call that the gateway can end with a gRPC status, and whose failures it turns into one. YARP ends a
/// call it cannot finish by resetting the HTTP/2 stream, which a gRPC client reads as CANCELLED or INTERNAL; this
/// feature takes that reset for a gRPC call and lets the gateway finish the response with trailers instead
/// (UNAVAILABLE for a service that went away, or the status of an interruption such as a removed peer). It also lets
/// the gateway stop YARP mid-stream: the request-aborted token YARP reads is the caller's or the interruption's.
/// Only a peer's call can be interrupted (the registry may drop its certificate): the others read the caller's own
/// token, which spares every call of a person or application two cancellation sources and a link.
/// </summary>
internal sealed class CallInterruption : IHttpRequestLifetimeFeature, IHttpResetFeature, IDisposable
{
    private readonly IHttpRequestLifetimeFeature _lifetime;
    private readonly IHttpResetFeature? _reset;
    private readonly CancellationTokenSource? _interrupted;
    private readonly CancellationTokenSource? _linked;
    private Interruption? _interruption;
    private bool _disposed;

    private CallInterruption(HttpContext context, GatewayCaller caller)
    {
        Caller = caller;
        _lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        _reset = context.Features.Get<IHttpResetFeature>();
        if (caller.Kind == CallerKind.Peer)
        {
            _interrupted = new CancellationTokenSource();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.RequestAborted, _interrupted.Token);
            RequestAborted = _linked.Token;
        }
        else
        {
            RequestAborted = _lifetime.RequestAborted;
        }
    }

    public GatewayCaller Caller { get; }

    /// <summary>Whether YARP asked to reset the stream and the reset was held back.</summary>
    public bool ResetHeld { get; private set; }

    /// <summary>The status the gateway ended the call with, if it did.</summary>
    public Interruption? Current => Volatile.Read(ref _interruption);

    public CancellationToken RequestAborted { get; set; }

    /// <summary>Installs the feature on a gRPC call for the duration of the forwarding.</summary>
    public static CallInterruption Install(HttpContext context, GatewayCaller caller)
    {
        var feature = new CallInterruption(context, caller);
        context.Features.Set<IHttpRequestLifetimeFeature>(feature);
        if (feature._reset is not null)
        {
            context.Features.Set<IHttpResetFeature>(feature);
        }

        return feature;
    }

    /// <summary>
    /// Ends a peer's call with <paramref name="code"/> (thread-safe; the first interruption wins). A call that has just
    /// finished is left as it is.
    /// </summary>
    public void Interrupt(StatusCode code, string message)
    {
        if (_interrupted is null)
        {
            throw new InvalidOperationException("Only a peer's call can be interrupted.");
        }

        lock (_interrupted)
        {
            if (_interruption is not null || _disposed)
            {
                return;
            }

            _interruption = new Interruption(code, message);
            _interrupted.Cancel();
        }
    }

    public void Abort() => _lifetime.Abort();

    /// <summary>Held: the gateway decides after the forwarder returns (see <see cref="ResetNow"/>).</summary>
    public void Reset(int errorCode) => ResetHeld = true;

    /// <summary>Resets the stream after all, when the call cannot be finished with trailers.</summary>
    public void ResetNow(int errorCode)
    {
        if (_reset is not null)
        {
            _reset.Reset(errorCode);
        }
        else
        {
            _lifetime.Abort();
        }
    }

    /// <summary>Puts the connection's own features back.</summary>
    public void Restore(HttpContext context)
    {
        context.Features.Set(_lifetime);
        if (_reset is not null)
        {
            context.Features.Set(_reset);
        }
    }

    public void Dispose()
    {
        if (_interrupted is not null)
        {
            lock (_interrupted)
            {
                _disposed = true;
            }
        }

        _linked?.Dispose();
        _interrupted?.Dispose();
    }
}

/// <summary>The status a forwarded call is ended with by the gateway.</summary>
internal sealed record Interruption(StatusCode Code, string Message);
