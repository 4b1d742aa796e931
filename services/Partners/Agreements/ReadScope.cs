using CyberPledge.Partners.Grpc;
using CyberPledge.V1;

namespace CyberPledge.Partners.Agreements;

/// <summary>The agreements a caller may read: all, or only one grantee's (a partner's own).</summary>
internal sealed class ReadScope
{
    private ReadScope(string? grantee) => Grantee = grantee;

    public static ReadScope All { get; } = new(null);

    /// <summary>The only grantee whose agreements may be read; null for all.</summary>
    public string? Grantee { get; }

    public static ReadScope Of(string nation) => new(nation);

    public bool Allows(SharingAgreement agreement) => Grantee is null || agreement.Grantee == Grantee;

    /// <summary>
    /// PERMISSION_DENIED for another grantee's agreement, and for a missing one too, so a partner learns nothing of
    /// agreements that are not its own.
    /// </summary>
    public SharingAgreement Require(SharingAgreement? agreement, string id) => agreement is not null && Allows(agreement)
        ? agreement
        : Grantee is not null
            ? throw Refusals.PermissionDenied($"partner:{Grantee} may read only agreements whose grantee is {Grantee}")
            : throw Refusals.NotFound($"agreement {id}");
}
