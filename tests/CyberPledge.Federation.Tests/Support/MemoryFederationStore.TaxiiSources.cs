using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>The TAXII connector's sources and failures, in memory.</summary>
internal sealed partial class MemoryFederationStore
{
    private readonly Dictionary<string, StoredTaxiiSource> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaxiiImportFailureRecord>> _failures = new(StringComparer.Ordinal);

    public Task<bool> AddTaxiiSourceAsync(StoredTaxiiSource source, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sources.TryAdd(source.Name, source));
        }
    }

    public Task<IReadOnlyList<StoredTaxiiSource>> TaxiiSourcesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredTaxiiSource>>([.. _sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> RemoveTaxiiSourceAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _failures.Remove(name);
            return Task.FromResult(_sources.Remove(name));
        }
    }

    public Task SaveTaxiiPageAsync(string name, string position, long imported, IReadOnlyList<TaxiiImportFailureRecord> failures, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_sources.TryGetValue(name, out var source))
            {
                _sources[name] = source with { Position = position, Imported = source.Imported + imported, Failed = source.Failed + failures.Count };
                var kept = _failures.TryGetValue(name, out var list) ? list : _failures[name] = [];
                kept.AddRange(failures);
                kept.RemoveRange(0, Math.Max(0, kept.Count - TaxiiSourceLimits.FailuresKept));
            }
        }

        return Task.CompletedTask;
    }

    public Task SetTaxiiSourceStatusAsync(string name, TaxiiSourceStatus status, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_sources.TryGetValue(name, out var source))
            {
                _sources[name] = source with { Status = status };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaxiiImportFailureRecord>> TaxiiImportFailuresAsync(string name, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<TaxiiImportFailureRecord>>(
                _failures.TryGetValue(name, out var list) ? [.. Enumerable.Reverse(list).Take(limit)] : []);
        }
    }
}
