using Grpc.Core;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Answers calls to services or methods this server does not have with UNIMPLEMENTED (Trailers-Only).</summary>
internal static class UnimplementedCalls
{
    public const string ServiceParameter = "unimplementedService";
    public const string MethodParameter = "unimplementedMethod";

    public static RequestDelegate Handler(string detail, ILogger logger) => httpContext =>
    {
        if (RequestValidation.TryValidate(httpContext, logger))
        {
            var response = httpContext.Response;
            response.ContentType = GrpcProtocolConstants.GrpcContentType;
            response.Headers[GrpcProtocolConstants.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocolConstants.MessageTrailer] = detail;
        }
        return Task.CompletedTask;
    };

    /// <summary>Matches only gRPC requests, so the catch-all route does not take other POSTs of the application.</summary>
    public sealed class GrpcContentTypeConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is not null && GrpcProtocolConstants.IsGrpcContentType(httpContext.Request.ContentType);
    }
}
