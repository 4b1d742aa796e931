using System.Globalization;
using CyberPledge.Federation.Node;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Federation.Links;

/// <summary>
/// Applies through ApplyForeignVersions as service:federation, each item with the origin's pinned key and the path as
/// received, up to <see cref="MaxPerCall"/> per call (one durable commit each). Indicators ignores an equal or older
/// version, so a batch re-applied after a crash changes nothing.
/// </summary>
internal sealed class IndicatorsApplier(NodeServices services) : IForeignVersionApplier
{
    /// <summary>Indicators' bound for one call.</summary>
    public const int MaxPerCall = 1000;

    private const string ItemPrefix = "items[";

    public async Task<IReadOnlyList<ForeignApplyResult>> ApplyAsync(IReadOnlyList<ForeignVersion> versions, CancellationToken cancellationToken)
    {
        var results = new ForeignApplyResult?[versions.Count];
        for (var start = 0; start < versions.Count; start += MaxPerCall)
        {
            var count = Math.Min(MaxPerCall, versions.Count - start);
            await ApplyChunkAsync(versions, start, count, results, cancellationToken).ConfigureAwait(false);
        }

        return [.. results.Select(result => result!.Value)];
    }

    /// <summary>
    /// One invalid item fails the whole call with nothing applied, its error naming it: that item is refused and the
    /// call is made again without it, so one bad version does not hold back the others.
    /// </summary>
    private async Task ApplyChunkAsync(IReadOnlyList<ForeignVersion> versions, int start, int count, ForeignApplyResult?[] results, CancellationToken cancellationToken)
    {
        var pending = Enumerable.Range(start, count).ToList();
        while (pending.Count > 0)
        {
            var request = new ApplyForeignVersionsRequest();
            request.Items.Add(pending.Select(i => Item(versions[i])));
            try
            {
                var response = await services.Indicators.ApplyForeignVersionsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.Results.Count != pending.Count)
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"Indicators answered {response.Results.Count} results for {pending.Count} items"));
                }

                for (var j = 0; j < pending.Count; j++)
                {
                    results[pending[j]] = Result(response.Results[j].Outcome);
                }

                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
            {
                // The version itself is refused (malformed, another origin's id): retrying would refuse it again.
                if (FaultyItem(e.Status.Detail, pending.Count) is { } faulty)
                {
                    results[pending[faulty]] = new ForeignApplyResult(ForeignApplyOutcome.Refused, e.Status.Detail);
                    pending.RemoveAt(faulty);
                    continue;
                }

                // A refusal naming no item (the request as a whole): none of them can be applied as sent.
                foreach (var i in pending)
                {
                    results[i] = new ForeignApplyResult(ForeignApplyOutcome.Refused, e.Status.Detail);
                }

                return;
            }
        }
    }

    private static ApplyForeignVersionRequest Item(ForeignVersion version)
    {
        var item = new ApplyForeignVersionRequest
        {
            Indicator = version.Indicator,
            OriginPublicKey = UnsafeByteOperations.UnsafeWrap(version.OriginPublicKey),
        };
        item.Path.Add(version.Path);
        return item;
    }

    private static ForeignApplyResult Result(ApplyOutcome outcome) => outcome switch
    {
        ApplyOutcome.Applied => new(ForeignApplyOutcome.Applied),
        ApplyOutcome.Equivocation => new(ForeignApplyOutcome.Equivocation, "another copy of this version with a different leaf digest is stored"),
        ApplyOutcome.Quarantined => new(ForeignApplyOutcome.Quarantined, "the version jumps too far above the stored one"),
        _ => new(ForeignApplyOutcome.Ignored),
    };

    /// <summary>The index in "items[3].indicator.signature: ...", when the error names an item within the call.</summary>
    private static int? FaultyItem(string? detail, int count)
    {
        if (detail is null || !detail.StartsWith(ItemPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = detail.IndexOf(']', ItemPrefix.Length);
        return end > ItemPrefix.Length
            && int.TryParse(detail.AsSpan(ItemPrefix.Length, end - ItemPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < count
            ? index
            : null;
    }
}
