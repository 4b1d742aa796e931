using CyberPledge.ServiceDefaults.Identity;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>The test service with methods guarded the way the node's services guard theirs.</summary>
public sealed class GuardedTestService : TestService.TestServiceBase
{
    /// <summary>Admin only; answers with the caller's subject and roles as the service sees them.</summary>
    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) => Task.FromResult(Describe(context));

    /// <summary>The node's Federation service only.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) => Task.FromResult(Describe(context));

    /// <summary>No attribute: the fallback policy lets any authenticated caller in, and no one else.</summary>
    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    /// <summary>Open to anyone, like grpc.health.v1.</summary>
    [AllowAnonymous]
    public override Task<Empty> UnimplementedCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    private static SimpleResponse Describe(ServerCallContext context)
    {
        var caller = context.GetCallerIdentity();
        return new SimpleResponse { Username = caller.Subject ?? "", OauthScope = string.Join(' ', caller.Roles) };
    }
}
