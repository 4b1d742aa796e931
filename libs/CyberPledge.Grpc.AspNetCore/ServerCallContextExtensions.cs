using Grpc.AspNetCore.Server.Internal;
using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

/// <summary>ASP.NET Core extensions of <see cref="ServerCallContext"/>.</summary>
public static class ServerCallContextExtensions
{
    /// <summary>The HTTP context of the call (user, connection, client certificate, features).</summary>
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext)
    {
        ArgumentNullException.ThrowIfNull(serverCallContext);
        return serverCallContext is HttpContextServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException("This ServerCallContext does not belong to an ASP.NET Core request.");
    }
}
