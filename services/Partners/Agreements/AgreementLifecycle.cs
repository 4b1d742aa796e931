using CyberPledge.Partners.Grpc;
using CyberPledge.V1;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// The lifecycle: draft -> active &lt;-> suspended; active or suspended -> revoked (final). Expiry is not stored: an
/// agreement that is not revoked is reported EXPIRED once its valid_until has passed.
/// </summary>
internal static class AgreementLifecycle
{
    /// <summary>The agreement as callers see it at <paramref name="now"/>: EXPIRED past its window, else as stored.</summary>
    public static SharingAgreement Report(SharingAgreement stored, DateTimeOffset now)
    {
        if (stored.Status == AgreementStatus.Revoked || !IsExpired(stored, now))
        {
            return stored;
        }

        var expired = stored.Clone();
        expired.Status = AgreementStatus.Expired;
        return expired;
    }

    public static bool IsExpired(SharingAgreement agreement, DateTimeOffset now) =>
        agreement.ValidUntil is { } until && until.ToDateTimeOffset() <= now;

    /// <summary>Refuses (FAILED_PRECONDITION) a transition the lifecycle does not allow from the status as reported now.</summary>
    public static void Check(SharingAgreement reported, AgreementStatus target)
    {
        var allowed = (reported.Status, target) switch
        {
            (AgreementStatus.Draft or AgreementStatus.Suspended, AgreementStatus.Active) => true,
            (AgreementStatus.Active, AgreementStatus.Suspended) => true,
            (AgreementStatus.Active or AgreementStatus.Suspended or AgreementStatus.Expired, AgreementStatus.Revoked) => true,
            _ => false,
        };
        if (!allowed)
        {
            throw Refusals.FailedPrecondition($"agreement {reported.Id} is {Name(reported.Status)}: it cannot become {Name(target)}");
        }
    }

    /// <summary>Activation needs the grantee registered as a peer of the agreement's tier.</summary>
    public static void CheckGrantee(SharingAgreement agreement, Peer? peer)
    {
        if (peer is null)
        {
            throw Refusals.InvalidArgument("agreement.grantee", $"{agreement.Grantee} is not a registered peer (AddPeer first)");
        }

        if (peer.Tier != agreement.Tier)
        {
            throw Refusals.InvalidArgument("agreement.tier", $"{Name(agreement.Tier)} differs from peer {peer.Nation}'s tier {Name(peer.Tier)}");
        }
    }

    public static string Name(AgreementStatus status) => status.ToString().ToUpperInvariant();

    private static string Name(Tier tier) => tier.ToString().ToUpperInvariant();
}
