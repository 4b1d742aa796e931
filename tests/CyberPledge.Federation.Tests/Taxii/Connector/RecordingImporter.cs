using System.Text.Json;
using CyberPledge.Federation.Taxii.Import;

namespace CyberPledge.Federation.Tests.Taxii.Connector;

/// <summary>
/// An importer for the connector's tests: it records each call (source and object ids), fails the objects whose type
/// is not "indicator" (as the node cannot represent them), and throws on the calls <see cref="Throw"/> picks.
/// </summary>
internal sealed class RecordingImporter : IStixImporter
{
    private readonly Lock _lock = new();
    private int _attempts;

    public List<(string Source, string[] Ids)> Calls { get; } = [];

    /// <summary>Given the attempt's number (from 1, throwing ones included), whether it throws instead of importing.</summary>
    public Func<int, bool> Throw { get; set; } = _ => false;

    public string[] ImportedIds()
    {
        lock (_lock)
        {
            return [.. Calls.SelectMany(c => c.Ids)];
        }
    }

    public Task<IReadOnlyList<StixObjectOutcome>> ImportAsync(string source, IReadOnlyList<JsonElement> objects, CancellationToken cancellationToken)
    {
        int call;
        lock (_lock)
        {
            call = ++_attempts;
            if (Throw(call))
            {
                throw new InvalidOperationException("Indicators is unavailable");
            }

            Calls.Add((source, [.. objects.Select(o => o.GetProperty("id").GetString()!)]));
        }

        IReadOnlyList<StixObjectOutcome> outcomes = [.. objects.Select(o => o.GetProperty("type").GetString() == "indicator"
            ? new StixObjectOutcome(o.GetProperty("id").GetString(), o.GetProperty("modified").GetString(), true, "created")
            : new StixObjectOutcome(o.GetProperty("id").GetString(), o.GetProperty("modified").GetString(), false, "a malware object cannot be imported"))];
        return Task.FromResult(outcomes);
    }
}
