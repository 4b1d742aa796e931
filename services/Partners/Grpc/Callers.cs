using CyberPledge.Partners.Agreements;
using CyberPledge.ServiceDefaults.Identity;
using Grpc.Core;

namespace CyberPledge.Partners.Grpc;

/// <summary>Who is calling, as the service records and limits it.</summary>
internal static class Callers
{
    /// <summary>The caller as the audit log names it: "alice (admin)".</summary>
    public static string Actor(ServerCallContext context)
    {
        var caller = context.GetCallerIdentity();
        return $"{caller.Subject ?? "unknown"} ({string.Join(", ", caller.Roles)})";
    }

    /// <summary>
    /// Which agreements the caller may read: this nation's people and the node's services all of them; a partner
    /// only those whose grantee it is (SECURITY.md rule 1); anyone else none.
    /// </summary>
    public static ReadScope Scope(ServerCallContext context)
    {
        var caller = context.GetCallerIdentity();
        if (caller.IsAdmin || caller.IsAnalyst || caller.Roles.Any(role => Roles.TryParseService(role, out _)))
        {
            return ReadScope.All;
        }

        return caller.PartnerNation is { } nation
            ? ReadScope.Of(nation)
            : throw Refusals.PermissionDenied("the caller may read no agreements");
    }
}
