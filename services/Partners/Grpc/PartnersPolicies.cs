using CyberPledge.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Partners.Grpc;

/// <summary>The one allow-list ServiceDefaults does not have: agreement reads, open to partners too (who see only their own).</summary>
internal static class PartnersPolicies
{
    public const string AgreementReaders = "partners:agreement-readers";

    public static void Register(AuthorizationOptions options) =>
        options.AddPolicy(AgreementReaders, policy => policy.RequireRolePattern(
            Roles.Admin, Roles.Analyst, Roles.ServicePrefix + "*", Roles.PartnerPrefix + "*"));
}
