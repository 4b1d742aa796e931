using System.Text.Json;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Taxii.Import;

/// <summary>
/// A status resource (TAXII 2.1 section 4.3.1): pending while the import runs (every object counted as pending), then
/// complete with one status-details per object, successes and failures each in the order posted. An object without a
/// readable id or version has those members left out, its message saying why it failed.
/// </summary>
internal static class TaxiiStatusResource
{
    public static void Write(Utf8JsonWriter writer, TaxiiStatusRecord status)
    {
        var outcomes = status.DetailsJson is { } details
            ? JsonSerializer.Deserialize<StixObjectOutcome[]>(details) ?? []
            : [];
        var complete = status.CompletedAt is not null;
        writer.WriteString("id", status.Id);
        writer.WriteString("status", complete ? "complete" : "pending");
        writer.WriteString("request_timestamp", TaxiiMedia.Format(status.RequestedAt));
        writer.WriteNumber("total_count", status.TotalCount);
        var successes = outcomes.Where(o => o.Succeeded).ToArray();
        var failures = outcomes.Where(o => !o.Succeeded).ToArray();
        writer.WriteNumber("success_count", successes.Length);
        Details(writer, "successes", successes);
        writer.WriteNumber("failure_count", failures.Length);
        Details(writer, "failures", failures);
        writer.WriteNumber("pending_count", complete ? 0 : status.TotalCount);
    }

    private static void Details(Utf8JsonWriter writer, string name, IReadOnlyList<StixObjectOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var outcome in outcomes)
        {
            writer.WriteStartObject();
            if (outcome.Id is not null)
            {
                writer.WriteString("id", outcome.Id);
            }

            if (outcome.Version is not null)
            {
                writer.WriteString("version", outcome.Version);
            }

            if (outcome.Message is not null)
            {
                writer.WriteString("message", outcome.Message);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
