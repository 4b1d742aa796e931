using System.Text.Json;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Taxii.Import;

/// <summary>
/// TAXII POSTs (docs/taxii.md "Import (POST)"): a post is stored as a pending status with its objects before it is
/// answered, then <see cref="TaxiiImportRunner"/> imports it in the background and completes the status. A status is
/// read only by the caller that posted it; for anyone else it does not exist (SECURITY.md rule 2).
/// </summary>
internal sealed class TaxiiImports(IFederationStore store, TaxiiAuditLog audit, TimeProvider time)
{
    /// <summary>How long a completed status is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly SemaphoreSlim _posted = new(0);

    /// <summary>
    /// Records the post in Partners' audit log ("taxii.objects.posted", the poster and the status id), then stores it as
    /// a pending status, durably, and wakes the runner. A post the log cannot record is refused (503) and not stored.
    /// </summary>
    public async Task<TaxiiStatusRecord> PostAsync(TaxiiCaller caller, string collectionId, IReadOnlyList<JsonElement> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(objects);
        var status = new TaxiiStatusRecord(Guid.NewGuid().ToString(), caller.Subject, collectionId,
            ImportSources.ForPost(collectionId, caller.Subject), time.GetUtcNow(), objects.Count);
        try
        {
            await audit.ObjectsPostedAsync(caller.Subject, status.Id, collectionId, objects.Count, cancellationToken).ConfigureAwait(false);
        }
        catch (TaxiiAuditUnavailableException unrecorded)
        {
            throw TaxiiError.Unavailable(unrecorded.Message);
        }

        await store.AddTaxiiStatusAsync(status, JsonSerializer.Serialize(objects), cancellationToken).ConfigureAwait(false);
        _posted.Release();
        return status;
    }

    /// <summary>The status if <paramref name="caller"/> posted it; else a 404 like an unknown id.</summary>
    public async Task<TaxiiStatusRecord> GetAsync(TaxiiCaller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var status = caller.IsStaff ? await store.GetTaxiiStatusAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return status is not null && status.Owner == caller.Subject ? status : throw TaxiiError.NotFound();
    }

    /// <summary>Waits until something is posted or <paramref name="timeout"/> passes.</summary>
    internal Task<bool> WaitForPostAsync(TimeSpan timeout, CancellationToken cancellationToken) => _posted.WaitAsync(timeout, cancellationToken);
}
