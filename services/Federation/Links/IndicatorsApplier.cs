using CyberPledge.Federation.Node;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Federation.Links;

/// <summary>
/// Applies through ApplyForeignVersion, one call per version, as service:federation. Indicators ignores an equal or
/// older version, so a batch re-applied after a crash changes nothing.
/// </summary>
internal sealed class IndicatorsApplier(NodeServices services) : IForeignVersionApplier
{
    public async Task<IReadOnlyList<ForeignApplyResult>> ApplyAsync(IReadOnlyList<ForeignVersion> versions, CancellationToken cancellationToken)
    {
        var results = new ForeignApplyResult[versions.Count];
        for (var i = 0; i < versions.Count; i++)
        {
            var request = new ApplyForeignVersionRequest
            {
                Indicator = versions[i].Indicator,
                OriginPublicKey = UnsafeByteOperations.UnsafeWrap(versions[i].OriginPublicKey),
            };
            try
            {
                var response = await services.Indicators.ApplyForeignVersionAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
                results[i] = new ForeignApplyResult(response.Outcome == ApplyOutcome.Applied ? ForeignApplyOutcome.Applied : ForeignApplyOutcome.Ignored);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
            {
                // The version itself is refused (malformed, another origin's id): retrying would refuse it again.
                results[i] = new ForeignApplyResult(ForeignApplyOutcome.Refused, e.Status.Detail);
            }
        }

        return results;
    }
}
