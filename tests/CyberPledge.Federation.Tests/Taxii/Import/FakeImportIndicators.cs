using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Taxii.Import;

/// <summary>
/// Indicators' <c>Import</c> as its contract says: keyed by (source, stix_id), a newer <c>stix_modified</c> updates,
/// an equal or older one is unchanged; <see cref="Reject"/> refuses an item with its error. Records every call.
/// </summary>
internal sealed class FakeImportIndicators : CyberPledge.V1.Indicators.IndicatorsClient
{
    private readonly Dictionary<(string Source, string StixId), DateTime> _stored = [];

    public List<ImportRequest> Calls { get; } = [];

    public Func<ImportItem, string?> Reject { get; set; } = _ => null;

    public override AsyncUnaryCall<ImportResponse> ImportAsync(ImportRequest request, CallOptions options)
    {
        Calls.Add(request.Clone());
        var response = new ImportResponse();
        response.Results.Add(request.Items.Select(Apply));
        return new AsyncUnaryCall<ImportResponse>(Task.FromResult(response), Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess, () => [], () => { });
    }

    private ImportResult Apply(ImportItem item)
    {
        if (Reject(item) is { } error)
        {
            return new ImportResult { Outcome = ImportOutcome.Rejected, StatusCode = (int)StatusCode.InvalidArgument, Error = error };
        }

        var key = (item.Source, item.StixId);
        var modified = item.StixModified.ToDateTime();
        var outcome = !_stored.TryGetValue(key, out var stored) ? ImportOutcome.Created
            : modified > stored ? ImportOutcome.Updated
            : ImportOutcome.Unchanged;
        if (outcome != ImportOutcome.Unchanged)
        {
            _stored[key] = modified;
        }

        return new ImportResult { Outcome = outcome };
    }
}
