using CyberPledge.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Partners.Grpc;

/// <summary>
/// The allow-lists ServiceDefaults does not have: agreement reads, open to partners too (who see only their own), and
/// the gateway's own check of TAXII Basic credentials.
/// </summary>
internal static class PartnersPolicies
{
    public const string AgreementReaders = "partners:agreement-readers";

    /// <summary>The node's gateway only (<c>service:gateway</c>, the identity it follows the registry with).</summary>
    public const string GatewayService = "partners:service-gateway";

    /// <summary>The gateway's service name, as its <c>service:</c> role and its own calls name it.</summary>
    public const string GatewayServiceName = "gateway";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(AgreementReaders, policy => policy.RequireRolePattern(
            Roles.Admin, Roles.Analyst, Roles.ServicePrefix + "*", Roles.PartnerPrefix + "*"));
        options.AddPolicy(GatewayService, policy => policy.RequireRolePattern(Roles.Service(GatewayServiceName)));
    }
}
