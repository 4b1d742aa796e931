using System.Globalization;
using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.Versioning;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>
    /// Stores indicators made from imported STIX objects (SECURITY.md rule 2), keyed by (source, STIX id): each item is
    /// validated and normalized as a Submit's, its id derived (<see cref="IndicatorIds.FromImport"/>); a new one is
    /// created, a newer <c>stix_modified</c> makes a new version, an equal or older one changes nothing. Every version is
    /// signed with its provenance (canonical encoding v3), never re-shareable, and screened by this node's inbound rules
    /// and warning lists as a foreign version is (rule 4). As Submit: planned and signed outside the writer, re-planned
    /// there if overtaken, one durable commit for the batch; a rejected item stores nothing.
    /// </summary>
    public async Task<ImportResponse> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Items.Count is 0 or > MaxBatchSize)
        {
            throw FieldError.Invalid("items", string.Create(CultureInfo.InvariantCulture, $"1-{MaxBatchSize} items per request")).ToException();
        }

        var now = _timeProvider.GetUtcNow();
        var plans = request.Items.Select(item =>
        {
            var error = ImportValidator.TryNormalize(item, now, out var content);
            return new ImportPlan { Content = error is null ? content : null, Error = error, StixCreated = item.StixCreated, Revoked = item.Revoked };
        }).ToArray();

        await _store.ReadAsync(lookup => PlanImports(plans, lookup, now), cancellationToken).ConfigureAwait(false);
        _signingKey.SignBatch(plans.Where(p => p.Next is not null).Select(p => p.Next!).ToArray());
        var response = await _store.WriteAsync(transaction => CommitImports(plans, transaction, now), cancellationToken).ConfigureAwait(false);
        WarningAlerts.Imported(_logger, plans.Count(p => p.Flagged), plans.Count(p => p.Screening.Refusal is not null), plans.Length);
        return response;
    }

    private bool PlanImports(ImportPlan[] plans, IIndicatorLookup committed, DateTimeOffset now)
    {
        // A batch that names one object twice plans the second on top of the first.
        var pending = new Dictionary<string, StoredIndicator>(StringComparer.Ordinal);
        foreach (var plan in plans.Where(p => p.Content is not null))
        {
            var id = plan.Content!.Id;
            PlanImport(plan, pending.TryGetValue(id, out var earlier) ? earlier : committed.FindById(id), now);
            if (plan.Next is not null)
            {
                pending[id] = new StoredIndicator(plan.Next, 0);
            }
        }

        return true;
    }

    private void PlanImport(ImportPlan plan, StoredIndicator? current, DateTimeOffset now)
    {
        var content = plan.Content!;
        plan.Base = current;
        plan.Next = null;
        plan.Error = CheckImportChange(content, current?.Indicator);
        if (plan.Error is not null || (current is not null && content.Imported.StixModified.CompareTo(current.Indicator.Imported.StixModified) <= 0))
        {
            return;
        }

        // A newer object is a version no analyst has seen: it is not promoted, whatever the one before was.
        var next = _versions.NextVersion(content, current?.Indicator, now)!;
        next.Revoked = plan.Revoked;
        if (current is null)
        {
            // The object's own creation time; never after the version's, whatever the source's clock said.
            next.Created = plan.StixCreated!.CompareTo(next.Modified) < 0 ? plan.StixCreated.Clone() : next.Modified.Clone();
        }

        plan.Screening = _screening.Screen(next);
        if (plan.Screening.Refusal is { } refusal)
        {
            plan.Error = new FieldError(IndicatorErrorKind.FailedPrecondition, "indicator", "refused by this node's inbound rules: " + refusal);
            return;
        }

        plan.Next = next;
    }

    /// <summary>Only an import of the same object from the same source may take a new version (SECURITY.md rule 2).</summary>
    private FieldError? CheckImportChange(Indicator content, Indicator? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var imported = stored.Imported;
        if (imported is null || imported.Source != content.Imported.Source || imported.StixId != content.Imported.StixId
            || !OriginRules.SameOrigin(stored.Origin, Self))
        {
            // Unreachable short of a hash collision; the answer names nothing the node holds.
            return new FieldError(IndicatorErrorKind.FailedPrecondition, "stix_id", "its derived id is taken by another indicator");
        }

        return stored.Type != content.Type || stored.Value != content.Value
            ? FieldError.Invalid("indicator.value", $"the type and value of an imported object cannot change (stored: {stored.Type} {stored.Value})")
            : null;
    }

    private ImportResponse CommitImports(ImportPlan[] plans, IIndicatorWriteTransaction transaction, DateTimeOffset now)
    {
        var response = new ImportResponse();
        foreach (var plan in plans)
        {
            response.Results.Add(CommitImport(plan, transaction, now));
        }

        return response;
    }

    private ImportResult CommitImport(ImportPlan plan, IIndicatorWriteTransaction transaction, DateTimeOffset now)
    {
        StoredIndicator? stored = null;
        if (plan.Content is { } content && plan.Error is null)
        {
            stored = transaction.FindById(content.Id);
            if ((stored?.Indicator.Version ?? 0) != plan.BaseVersion)
            {
                // Overtaken by a concurrent write: plan again on the latest version, sign here.
                PlanImport(plan, stored, now);
                if (plan.Next is not null)
                {
                    _signingKey.Sign(plan.Next);
                }
            }
        }

        if (plan.Error is { } error)
        {
            return new ImportResult { Outcome = ImportOutcome.Rejected, StatusCode = error.RpcCode, Error = error.Message };
        }

        if (plan.Next is not { } next)
        {
            return new ImportResult { Outcome = ImportOutcome.Unchanged, Id = stored!.Indicator.Id, Version = stored.Indicator.Version, Sequence = stored.Sequence };
        }

        var sequence = transaction.Append(next);
        plan.Flagged = WarningFlags.Update(transaction, stored, next, plan.Screening, now);
        return new ImportResult
        {
            Outcome = next.Version == 1 ? ImportOutcome.Created : ImportOutcome.Updated,
            Id = next.Id,
            Version = next.Version,
            Sequence = sequence,
        };
    }
}
