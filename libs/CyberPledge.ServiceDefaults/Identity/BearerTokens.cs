using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Sends a bearer token with every call of a client. As metadata rather than call credentials: the node's services
/// speak cleartext HTTP/2 on loopback behind the gateway, where a channel drops call credentials.
/// </summary>
public static class BearerTokens
{
    /// <summary>An invoker that adds <c>authorization: Bearer &lt;token&gt;</c>, the token read anew for each call.</summary>
    public static CallInvoker Attach(CallInvoker invoker, Func<string> token)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(token);
        return invoker.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token());
            return metadata;
        });
    }
}
