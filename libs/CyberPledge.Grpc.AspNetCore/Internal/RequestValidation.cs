using Grpc.Core;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Checks that a request is gRPC at all: HTTP/2 and an application/grpc content type.</summary>
internal static class RequestValidation
{
    public static bool TryValidate(HttpContext httpContext, ILogger logger)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Reject(httpContext, logger, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            httpContext.Response.Headers.Upgrade = "h2c";
            return false;
        }
        if (!GrpcProtocolConstants.IsGrpcContentType(request.ContentType))
        {
            Reject(httpContext, logger, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }
        return true;
    }

    private static void Reject(HttpContext httpContext, ILogger logger, int httpStatus, string reason)
    {
        ServerLog.RequestRejected(logger, httpContext.Request.Path, reason);
        var response = httpContext.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocolConstants.StatusTrailer] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(reason);
    }
}
