namespace CyberPledge.Federation.Storage;

/// <summary>
/// TAXII POST statuses (docs/taxii.md "Import (POST)"): a status is stored with the posted objects before the POST is
/// answered, so a restart finishes a pending import; on completion the objects are dropped and the per-object outcomes
/// kept, until the retention ends.
/// </summary>
internal partial interface IFederationStore
{
    /// <summary>Stores a new pending status with the posted objects (<paramref name="objectsJson"/>, a JSON array), durably before returning.</summary>
    Task AddTaxiiStatusAsync(TaxiiStatusRecord status, string objectsJson, CancellationToken cancellationToken);

    /// <summary>The status with this id, pending or complete.</summary>
    Task<TaxiiStatusRecord?> GetTaxiiStatusAsync(string id, CancellationToken cancellationToken);

    /// <summary>The statuses not yet complete, oldest first, with their objects.</summary>
    Task<IReadOnlyList<PendingTaxiiImport>> PendingTaxiiImportsAsync(CancellationToken cancellationToken);

    /// <summary>Marks a status complete with its outcomes (<paramref name="detailsJson"/>) and drops its objects.</summary>
    Task CompleteTaxiiStatusAsync(string id, DateTimeOffset completedAt, string detailsJson, CancellationToken cancellationToken);

    /// <summary>Deletes the statuses completed before <paramref name="cutoff"/>; how many.</summary>
    Task<int> DeleteTaxiiStatusesBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>
/// One TAXII POST's status: its id, who posted it (the caller's subject, the only one who may read it), to which
/// collection, the import source, when, how many objects, and once complete when and the outcomes (a JSON array).
/// </summary>
internal sealed record TaxiiStatusRecord(
    string Id, string Owner, string CollectionId, string Source, DateTimeOffset RequestedAt, int TotalCount,
    DateTimeOffset? CompletedAt = null, string? DetailsJson = null);

/// <summary>A pending status and the objects still to import (a JSON array).</summary>
internal sealed record PendingTaxiiImport(TaxiiStatusRecord Status, string ObjectsJson);
