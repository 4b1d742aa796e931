using CyberPledge.Partners.Audit;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Peers;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// Sharing agreements: every change is a new version, checked against the latest inside the write (optimistic:
/// expected_version) and written with its audit record.
/// </summary>
internal sealed class AgreementBook(IPartnerStore store, TimeProvider time)
{
    public Task<SharingAgreement> CreateAsync(CreateAgreementRequest request, string actor, CancellationToken cancellationToken)
    {
        var given = request.Agreement?.Clone() ?? throw Refusals.InvalidArgument("agreement", "required");
        if (request.Template != AgreementTemplate.Unspecified)
        {
            if (given.Rules is not null && !given.Rules.Equals(new AgreementRules()))
            {
                throw Refusals.InvalidArgument("agreement.rules", "must be empty when a template is given");
            }

            given.Rules = AgreementTemplates.Rules(request.Template, given.Tier);
        }

        var now = time.GetUtcNow();
        var agreement = AgreementValidator.Normalize(given, now);
        Stamp(agreement, AgreementStatus.Draft, 1, actor, now);
        return store.WriteAsync(transaction =>
        {
            if (transaction.FindAgreement(agreement.Id) is not null)
            {
                throw Refusals.AlreadyExists($"agreement {agreement.Id}");
            }

            transaction.AppendAgreement(agreement, Entry(actor, "agreement.created", null, agreement, now));
            return agreement;
        }, cancellationToken);
    }

    public Task<SharingAgreement> UpdateAsync(UpdateAgreementRequest request, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var agreement = AgreementValidator.Normalize(request.Agreement, now);
        return store.WriteAsync(transaction =>
        {
            var current = Current(transaction, agreement.Id, request.ExpectedVersion);
            if (current.Status == AgreementStatus.Revoked)
            {
                throw Refusals.FailedPrecondition($"agreement {current.Id} is REVOKED, which is final");
            }

            if (agreement.Grantee != current.Grantee)
            {
                throw Refusals.InvalidArgument("agreement.grantee", $"cannot change from {current.Grantee}: create a new agreement");
            }

            Stamp(agreement, current.Status, current.Version + 1, actor, now);
            if (agreement.Status == AgreementStatus.Active)
            {
                AgreementLifecycle.CheckGrantee(agreement, transaction.FindPeer(agreement.Grantee));
            }

            transaction.AppendAgreement(agreement, Entry(actor, "agreement.updated", current, agreement, now));
            return AgreementLifecycle.Report(agreement, now);
        }, cancellationToken);
    }

    /// <summary>Activate, suspend or revoke: a new version with the new status; the reason goes into the audit record's action.</summary>
    public Task<SharingAgreement> TransitionAsync(AgreementTransitionRequest request, AgreementStatus target, string actor, CancellationToken cancellationToken)
    {
        AgreementValidator.Id("id", request.Id);
        var now = time.GetUtcNow();
        return store.WriteAsync(transaction =>
        {
            var current = Current(transaction, request.Id, request.ExpectedVersion);
            AgreementLifecycle.Check(AgreementLifecycle.Report(current, now), target);
            var next = current.Clone();
            Stamp(next, target, current.Version + 1, actor, now);
            if (target == AgreementStatus.Active)
            {
                AgreementLifecycle.CheckGrantee(next, transaction.FindPeer(next.Grantee));
            }

            var action = "agreement." + target.ToString().ToLowerInvariant() + (request.Reason.Length > 0 ? ": " + request.Reason : "");
            transaction.AppendAgreement(next, Entry(actor, action, current, next, now));
            return next;
        }, cancellationToken);
    }

    public async Task<SharingAgreement> GetAsync(GetAgreementRequest request, ReadScope scope, CancellationToken cancellationToken)
    {
        AgreementValidator.Id("id", request.Id);
        var agreement = scope.Require(await store.GetAgreementAsync(request.Id, request.Version, cancellationToken).ConfigureAwait(false), request.Id);
        return request.Version == 0 ? AgreementLifecycle.Report(agreement, time.GetUtcNow()) : agreement;
    }

    public async Task<IReadOnlyList<SharingAgreement>> ListAsync(ListAgreementsRequest request, ReadScope scope, CancellationToken cancellationToken)
    {
        var grantee = request.Grantee.Length > 0 ? PeerValidator.Nation("grantee", request.Grantee) : scope.Grantee;
        if (scope.Grantee is not null && grantee != scope.Grantee)
        {
            throw Refusals.PermissionDenied($"partner:{scope.Grantee} may read only agreements whose grantee is {scope.Grantee}");
        }

        var now = time.GetUtcNow();
        var all = await store.ListAgreementsAsync(ulong.MaxValue, cancellationToken).ConfigureAwait(false);
        return
        [
            .. all.Where(a => grantee is null || a.Grantee == grantee)
                .Select(a => AgreementLifecycle.Report(a, now))
                .Where(a => request.Status == AgreementStatus.Unspecified || a.Status == request.Status),
        ];
    }

    public async Task<IReadOnlyList<SharingAgreement>> HistoryAsync(string id, ReadScope scope, CancellationToken cancellationToken)
    {
        AgreementValidator.Id("id", id);
        var versions = await store.GetAgreementHistoryAsync(id, cancellationToken).ConfigureAwait(false);
        scope.Require(versions.Count > 0 ? versions[^1] : null, id);
        return versions;
    }

    private static SharingAgreement Current(IPartnerWriteTransaction transaction, string id, ulong expectedVersion)
    {
        var current = transaction.FindAgreement(id) ?? throw Refusals.NotFound($"agreement {id}");
        return current.Version == expectedVersion ? current : throw Refusals.StaleVersion($"agreement {id}", expectedVersion, current.Version);
    }

    private static void Stamp(SharingAgreement agreement, AgreementStatus status, ulong version, string actor, DateTimeOffset now)
    {
        agreement.Status = status;
        agreement.Version = version;
        agreement.ChangedBy = actor;
        agreement.Changed = Timestamp.FromDateTimeOffset(now);
    }

    private static AuditEntry Entry(string actor, string action, SharingAgreement? before, SharingAgreement after, DateTimeOffset now) =>
        new(now, actor, action, "agreement:" + after.Id, after.Grantee, CanonicalJson.Of(before), CanonicalJson.Of(after));
}
