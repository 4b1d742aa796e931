using System.Globalization;
using CyberPledge.Gateway.Access;
using CyberPledge.Gateway.Callers;
using CyberPledge.Gateway.Limits;
using CyberPledge.Gateway.Peers;
using CyberPledge.Gateway.Taxii;
using CyberPledge.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace CyberPledge.Gateway.Routing;

/// <summary>
/// What the gateway does to every call it forwards, between routing and YARP's forwarder: proves the caller, strips
/// what the caller claimed, applies its rate limit and the message size limit, forwards the verified identity, and
/// turns what YARP could not deliver into gRPC statuses.
/// </summary>
internal sealed class ForwardedCall(
    RequestDelegate next,
    CallerResolver callers,
    ForwardedIdentity forwarded,
    CallerRateLimits rateLimits,
    OpenPeerCalls openPeerCalls,
    TaxiiBasicSignIn basicSignIn,
    IOptions<GatewayOptions> options)
{
    /// <summary>Route metadata: callers without credentials are forwarded too (development only).</summary>
    public const string AllowAnonymousMetadata = "CyberPledge.AllowAnonymous";

    private readonly GatewayOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var isGrpc = GrpcHttp.IsGrpc(context.Request);
        var route = context.GetReverseProxyFeature().Route.Config;
        var allowAnonymous = route.Metadata?.ContainsKey(AllowAnonymousMetadata) == true;
        GatewayCaller? caller;
        string refusal;
        if (!isGrpc && context.Connection.ClientCertificate is null && TaxiiRefusal.IsTaxii(context.Request) && BasicCredentials.IsPresented(context.Request))
        {
            var signIn = await basicSignIn.SignInAsync(context).ConfigureAwait(false);
            if (signIn.RetryAfter is { } wait)
            {
                RefuseRateLimited(context, isGrpc, wait);
                await TaxiiRefusal.WriteErrorAsync(context, "Too many requests", signIn.Refusal).ConfigureAwait(false);
                return;
            }

            if (signIn.Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await TaxiiRefusal.WriteErrorAsync(context, "Service unavailable", signIn.Refusal).ConfigureAwait(false);
                return;
            }

            (caller, refusal) = (signIn.Caller, signIn.Refusal);
        }
        else
        {
            caller = callers.Resolve(context, allowAnonymous, out refusal);
        }

        if (caller is null)
        {
            await RefuseAsync(context, isGrpc, StatusCode.Unauthenticated, refusal, StatusCodes.Status401Unauthorized).ConfigureAwait(false);
            return;
        }

        context.Features.Set(caller);
        if (!rateLimits.TryAcquire(caller, out var retryAfter))
        {
            RefuseRateLimited(context, isGrpc, retryAfter);
            return;
        }

        IdentityHeaders.Strip(context.Request.Headers);
        if (caller.Kind != CallerKind.Anonymous)
        {
            context.Request.Headers[IdentityHeaders.Authorization] = forwarded.HeaderFor(caller);
        }

        if (!isGrpc)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = _options.MaxRequestBodyBytes;
            }

            await ForwardCountingAsync(context).ConfigureAwait(false);
            return;
        }

        await ForwardGrpcAsync(context, caller).ConfigureAwait(false);
    }

    /// <summary>Forwards with the response body counted for the access log, then puts the connection's body back.</summary>
    private async Task ForwardCountingAsync(HttpContext context)
    {
        var body = context.Response.Body;
        var counting = new CountingStream(body);
        context.Response.Body = counting;
        context.Features.Set(counting);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = body;
        }
    }

    private async Task ForwardGrpcAsync(HttpContext context, GatewayCaller caller)
    {
        var body = new GrpcMessageLimitStream(context.Request.Body, _options.MaxMessageBytes);
        context.Request.Body = body;
        using var call = CallInterruption.Install(context, caller);
        using var tracked = caller.Kind == CallerKind.Peer ? openPeerCalls.Track(call) : default;
        try
        {
            await ForwardCountingAsync(context).ConfigureAwait(false);
        }
        finally
        {
            call.Restore(context);
        }

        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        if (body.Exceeded)
        {
            Finish(context, call, StatusCode.ResourceExhausted, $"a request message is larger than the gateway's limit of {_options.MaxMessageBytes} bytes");
        }
        else if (call.Current is { } interruption)
        {
            Finish(context, call, interruption.Code, interruption.Message);
        }
        else if (error != ForwarderError.None && !IsCallerSide(error))
        {
            Finish(context, call, StatusCode.Unavailable, "the service behind the gateway is unavailable");
        }
        else if (call.ResetHeld)
        {
            // The caller went away or broke the call: nothing to tell it.
            call.ResetNow(ResetCodes.Cancel);
        }
    }

    /// <summary>Ends the call with a status: Trailers-Only if nothing was sent yet, else trailers after what was.</summary>
    private static void Finish(HttpContext context, CallInterruption call, StatusCode code, string message)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            GrpcHttp.WriteTrailersOnly(context.Response, code, message);
            return;
        }

        if (context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers is { IsReadOnly: false } trailers)
        {
            trailers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
            trailers["grpc-message"] = message;
            return;
        }

        call.ResetNow(ResetCodes.Cancel);
    }

    private static bool IsCallerSide(ForwarderError error) =>
        error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient;

    private static async Task RefuseAsync(HttpContext context, bool isGrpc, StatusCode code, string message, int httpStatus)
    {
        if (isGrpc)
        {
            GrpcHttp.WriteTrailersOnly(context.Response, code, message);
        }
        else if (httpStatus == StatusCodes.Status401Unauthorized)
        {
            await TaxiiRefusal.UnauthenticatedAsync(context, message).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = httpStatus;
        }
    }

    private static void RefuseRateLimited(HttpContext context, bool isGrpc, TimeSpan retryAfter)
    {
        var milliseconds = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
        if (isGrpc)
        {
            GrpcHttp.WriteTrailersOnly(context.Response, StatusCode.ResourceExhausted, $"rate limit: retry after {milliseconds} ms");
            // gRPC's retry design (A6): the server's pushback, which clients with retries honour.
            context.Response.Headers["grpc-retry-pushback-ms"] = milliseconds.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>HTTP/2 error codes (RFC 9113 section 7).</summary>
    private static class ResetCodes
    {
        public const int Cancel = 0x8;
    }
}
