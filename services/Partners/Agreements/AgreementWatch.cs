using System.Runtime.CompilerServices;
using CyberPledge.V1;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// WatchAgreements: the active set as of one sequence, SNAPSHOT_END, then every agreement version written after that
/// sequence, and an EXPIRED change for an active agreement when its valid_until passes (timed by the
/// <see cref="TimeProvider"/>, so a test's clock drives it).
/// </summary>
internal sealed class AgreementWatch(IPartnerStore store, TimeProvider time)
{
    private const int PageSize = 256;

    public async IAsyncEnumerable<AgreementChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = store.LastSequence;
        var now = time.GetUtcNow();
        // Active agreements that have an end, so their expiry can be announced.
        var ending = new Dictionary<string, SharingAgreement>(StringComparer.Ordinal);
        foreach (var stored in await store.ListAgreementsAsync(cursor, cancellationToken).ConfigureAwait(false))
        {
            var agreement = AgreementLifecycle.Report(stored, now);
            if (agreement.Status == AgreementStatus.Active)
            {
                Track(ending, agreement);
                yield return new AgreementChange { Kind = AgreementChange.Types.Kind.Snapshot, Agreement = agreement };
            }
        }

        yield return new AgreementChange { Kind = AgreementChange.Types.Kind.SnapshotEnd };
        while (true)
        {
            var changes = await store.ReadAgreementChangesAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false);
            now = time.GetUtcNow();
            foreach (var (sequence, stored) in changes)
            {
                cursor = sequence;
                var agreement = AgreementLifecycle.Report(stored, now);
                Track(ending, agreement);
                yield return Changed(agreement);
            }

            foreach (var expired in ending.Values.Where(a => AgreementLifecycle.IsExpired(a, now)).ToList())
            {
                ending.Remove(expired.Id);
                yield return Changed(AgreementLifecycle.Report(expired, now));
            }

            if (changes.Count < PageSize)
            {
                await WaitAsync(cursor, NextExpiry(ending), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static AgreementChange Changed(SharingAgreement agreement) =>
        new() { Kind = AgreementChange.Types.Kind.Changed, Agreement = agreement };

    private static void Track(Dictionary<string, SharingAgreement> ending, SharingAgreement agreement)
    {
        if (agreement.Status == AgreementStatus.Active && agreement.ValidUntil is not null)
        {
            ending[agreement.Id] = agreement;
        }
        else
        {
            ending.Remove(agreement.Id);
        }
    }

    private static DateTimeOffset? NextExpiry(Dictionary<string, SharingAgreement> ending) =>
        ending.Count == 0 ? null : ending.Values.Min(a => a.ValidUntil.ToDateTimeOffset());

    /// <summary>Until the next commit or the next expiry, whichever comes first.</summary>
    private async Task WaitAsync(ulong cursor, DateTimeOffset? expiry, CancellationToken cancellationToken)
    {
        if (expiry is null)
        {
            await store.WaitForChangeAsync(cursor, cancellationToken).ConfigureAwait(false);
            return;
        }

        var delay = expiry.Value - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new CancellationTokenSource(delay, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await store.WaitForChangeAsync(cursor, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The expiry came first.
        }
    }
}
