using System.Text.Json;
using CyberPledge.Stix;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Federation.Taxii.Import;

/// <summary>
/// Imports through Indicators' <c>Import</c> as <c>service:federation</c> (the node's internal client), up to
/// <see cref="MaxPerCall"/> items per call. Indicators answers each item (created, updated, unchanged or rejected with
/// its error), so one bad object never holds back the others; a call that fails as a whole (Indicators unreachable)
/// throws, and the caller retries the objects later: a re-import changes nothing.
/// </summary>
internal sealed class StixImporter(Indicators.IndicatorsClient indicators) : IStixImporter
{
    /// <summary>Indicators' bound for one call.</summary>
    public const int MaxPerCall = 1000;

    public async Task<IReadOnlyList<StixObjectOutcome>> ImportAsync(string source, IReadOnlyList<JsonElement> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var read = objects.Select(StixImport.Read).ToArray();
        var outcomes = read.Select(Outcome).ToArray();
        var drafts = Enumerable.Range(0, read.Length).Where(i => read[i].Outcome == StixImportOutcome.Draft).ToArray();
        foreach (var chunk in drafts.Chunk(MaxPerCall))
        {
            var request = new ImportRequest();
            request.Items.Add(chunk.Select(i => Item(source, read[i].Draft!)));
            var response = await indicators.ImportAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Results.Count != chunk.Length)
            {
                throw new InvalidOperationException($"Indicators answered {response.Results.Count} results for {chunk.Length} items");
            }

            for (var j = 0; j < chunk.Length; j++)
            {
                outcomes[chunk[j]] = Imported(read[chunk[j]], response.Results[j]);
            }
        }

        return [.. outcomes.Select(outcome => outcome!)];
    }

    private static ImportItem Item(string source, StixIndicatorDraft draft) => new()
    {
        Source = source,
        StixId = draft.StixId,
        StixModified = Timestamp.FromDateTimeOffset(draft.Modified),
        StixCreated = Timestamp.FromDateTimeOffset(draft.Created),
        Revoked = draft.Revoked,
        Indicator = draft.Submission,
    };

    /// <summary>The outcome of an object that is not sent to Indicators; null for a draft (answered by the call).</summary>
    private static StixObjectOutcome? Outcome(StixImportResult result) => result.Outcome switch
    {
        StixImportOutcome.Reference => new(result.Id, result.Version, true, $"known definition: {result.Reason}"),
        StixImportOutcome.Failed => new(result.Id, result.Version, false, result.Reason),
        _ => null,
    };

    private static StixObjectOutcome Imported(StixImportResult read, ImportResult result) => result.Outcome switch
    {
        ImportOutcome.Created => new(read.Id, read.Version, true, "created"),
        ImportOutcome.Updated => new(read.Id, read.Version, true, "updated"),
        ImportOutcome.Unchanged => new(read.Id, read.Version, true, "unchanged"),
        _ => new(read.Id, read.Version, false, string.IsNullOrEmpty(result.Error) ? "rejected" : result.Error),
    };
}
