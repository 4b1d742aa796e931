using System.Globalization;
using System.Security.Cryptography;
using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.Versioning;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>The most items one Submit may carry.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>
    /// The largest Submit request the service accepts: a full batch at the documented field maxima (about 17 MB), so a
    /// batch that passes every per-field limit is not refused for its size. Clients send without a limit by default.
    /// </summary>
    public const int MaxSubmitRequestBytes = 24 * 1024 * 1024;

    private const int MaxIdempotencyKeyLength = 128;

    /// <summary>
    /// Creates or changes this node's indicators. Plans and signs every item on committed
    /// data first (in parallel, outside the writer), then the writer re-checks each plan
    /// against the latest version and stores it; a plan overtaken by a concurrent write is
    /// made again there. Returns once the batch is durable.
    /// </summary>
    public async Task<SubmitResponse> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckBatch(request);
        var key = request.IdempotencyKey;
        var requestHash = key.Length == 0 ? [] : SHA256.HashData(request.ToByteArray());
        var now = _timeProvider.GetUtcNow();
        if (key.Length > 0)
        {
            var earlier = await _store.ReadAsync(lookup => lookup.FindIdempotency(key), cancellationToken).ConfigureAwait(false);
            if (earlier is not null && earlier.ExpiresAt > now)
            {
                return Replay(earlier, requestHash);
            }
        }

        var plans = request.Indicators.Select(item =>
        {
            var error = SubmissionValidator.TryNormalize(item, now, out var content);
            return new ItemPlan { Content = error is null ? content : null, Error = error };
        }).ToArray();

        await _store.ReadAsync(lookup => PlanAll(plans, lookup, now), cancellationToken).ConfigureAwait(false);
        SignAll(plans);
        return await _store.WriteAsync(transaction => Commit(plans, transaction, key, requestHash, now), cancellationToken)
            .ConfigureAwait(false);
    }

    private static void CheckBatch(SubmitRequest request)
    {
        if (request.Indicators.Count == 0)
        {
            throw FieldError.Invalid("indicators", "at least one indicator").ToException();
        }

        if (request.Indicators.Count > MaxBatchSize)
        {
            throw FieldError.Invalid("indicators", $"at most {MaxBatchSize} per request").ToException();
        }

        var key = request.IdempotencyKey;
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw FieldError.Invalid("idempotency_key", string.Create(CultureInfo.InvariantCulture, $"up to {MaxIdempotencyKeyLength} printable ASCII characters without spaces")).ToException();
        }
    }

    private bool PlanAll(ItemPlan[] plans, IIndicatorLookup committed, DateTimeOffset now)
    {
        var keys = plans.Where(p => p.Content is { Id.Length: 0 }).Select(p => (p.Content!.Type, p.Content.Value)).ToHashSet();
        var lookup = new PendingVersionsLookup(committed, Self, keys);
        foreach (var plan in plans.Where(p => p.Content is not null))
        {
            Plan(plan, lookup, now);
            if (plan.Next is not null)
            {
                lookup.Add(plan.Next);
            }
        }

        return true;
    }

    private void Plan(ItemPlan plan, IIndicatorLookup lookup, DateTimeOffset now)
    {
        var content = plan.Content!;
        var current = FindCurrent(content, lookup);
        plan.Base = current;
        plan.Next = null;
        plan.Error = content.Id.Length == 0 ? null : CheckChangeById(content, current);
        if (plan.Error is null)
        {
            plan.Next = _versions.NextVersion(content, current?.Indicator, now);
        }
    }

    private StoredIndicator? FindCurrent(Indicator content, IIndicatorLookup lookup) =>
        content.Id.Length > 0 ? lookup.FindById(content.Id) : lookup.FindByValue(Self, content.Type, content.Value);

    private FieldError? CheckChangeById(Indicator content, StoredIndicator? current)
    {
        if (current is null)
        {
            return new FieldError(IndicatorErrorKind.NotFound, "id", $"no indicator {content.Id}");
        }

        var stored = current.Indicator;
        if (!OriginRules.SameOrigin(stored.Origin, Self))
        {
            return NotOurs(stored.Id, stored.Origin);
        }

        if (stored.Imported is not null)
        {
            return new FieldError(IndicatorErrorKind.FailedPrecondition, "id",
                $"indicator {stored.Id} was imported: only its source changes it (SECURITY.md rule 2); an analyst may promote it (PromoteImported)");
        }

        return stored.Type != content.Type || stored.Value != content.Value
            ? FieldError.Invalid("value", "the type and value of an indicator cannot change; submit a new indicator")
            : null;
    }

    /// <summary>One Merkle batch per request: one ECDSA signature however many versions it makes.</summary>
    private void SignAll(ItemPlan[] plans) =>
        _signingKey.SignBatch(plans.Where(p => p.Next is not null).Select(p => p.Next!).ToArray());

    private SubmitResponse Commit(ItemPlan[] plans, IIndicatorWriteTransaction transaction, string key, byte[] requestHash, DateTimeOffset now)
    {
        if (key.Length > 0 && transaction.FindIdempotency(key) is { } earlier && earlier.ExpiresAt > now)
        {
            return Replay(earlier, requestHash);
        }

        var response = new SubmitResponse();
        foreach (var plan in plans)
        {
            response.Results.Add(CommitItem(plan, transaction, now));
        }

        if (key.Length > 0)
        {
            transaction.SaveIdempotency(new IdempotencyRecord(key, requestHash, response.ToByteArray(), now + _idempotencyRetention));
        }

        return response;
    }

    private SubmitResult CommitItem(ItemPlan plan, IIndicatorWriteTransaction transaction, DateTimeOffset now)
    {
        IndicatorHead? head = null;
        if (plan.Content is { } content && plan.Error is null)
        {
            // The writer's check reads no bodies: only whether the indicator moved since the plan.
            head = content.Id.Length > 0 ? transaction.FindHeadById(content.Id) : transaction.FindHeadByValue(Self, content.Type, content.Value);
            if ((head?.Version ?? 0) != plan.BaseVersion || head?.Id != plan.Base?.Indicator.Id)
            {
                // Overtaken by a concurrent write: plan again on the latest version, sign here.
                Plan(plan, transaction, now);
                if (plan.Next is not null)
                {
                    _signingKey.Sign(plan.Next);
                }
            }
        }

        if (plan.Error is { } error)
        {
            return new SubmitResult { Outcome = SubmitOutcome.Rejected, StatusCode = error.RpcCode, Error = error.Message };
        }

        if (plan.Next is null)
        {
            return new SubmitResult { Outcome = SubmitOutcome.Unchanged, Id = head!.Id, Version = head.Version, Sequence = head.Sequence };
        }

        var sequence = transaction.Append(plan.Next);
        return new SubmitResult
        {
            Outcome = plan.Next.Version == 1 ? SubmitOutcome.Created : SubmitOutcome.Updated,
            Id = plan.Next.Id,
            Version = plan.Next.Version,
            Sequence = sequence,
        };
    }

    private static SubmitResponse Replay(IdempotencyRecord earlier, byte[] requestHash)
    {
        if (!earlier.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            throw FieldError.Invalid("idempotency_key", "already used for a different request").ToException();
        }

        var response = SubmitResponse.Parser.ParseFrom(earlier.Response);
        response.Replayed = true;
        return response;
    }
}
