using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>The TAXII POST statuses, in memory.</summary>
internal sealed partial class MemoryFederationStore
{
    private readonly Dictionary<string, (TaxiiStatusRecord Status, string? Objects)> _statuses = new(StringComparer.Ordinal);

    public Task AddTaxiiStatusAsync(TaxiiStatusRecord status, string objectsJson, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _statuses.Add(status.Id, (status, objectsJson));
        }

        return Task.CompletedTask;
    }

    public Task<TaxiiStatusRecord?> GetTaxiiStatusAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_statuses.TryGetValue(id, out var entry) ? entry.Status : null);
        }
    }

    public Task<IReadOnlyList<PendingTaxiiImport>> PendingTaxiiImportsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PendingTaxiiImport>>([.. _statuses.Values.Where(e => e.Status.CompletedAt is null)
                .OrderBy(e => e.Status.RequestedAt).ThenBy(e => e.Status.Id, StringComparer.Ordinal)
                .Select(e => new PendingTaxiiImport(e.Status, e.Objects!))]);
        }
    }

    public Task CompleteTaxiiStatusAsync(string id, DateTimeOffset completedAt, string detailsJson, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_statuses.TryGetValue(id, out var entry) && entry.Status.CompletedAt is null)
            {
                _statuses[id] = (entry.Status with { CompletedAt = completedAt, DetailsJson = detailsJson }, null);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteTaxiiStatusesBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var old = _statuses.Values.Where(e => e.Status.CompletedAt < cutoff).Select(e => e.Status.Id).ToArray();
            foreach (var id in old)
            {
                _statuses.Remove(id);
            }

            return Task.FromResult(old.Length);
        }
    }
}
