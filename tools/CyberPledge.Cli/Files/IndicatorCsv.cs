using System.Globalization;
using CyberPledge.Cli.Protos;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Cli.Files;

/// <summary>
/// Indicators as CSV: a header row naming the columns (any order, <c>type</c> and <c>value</c> required), then one
/// indicator a row. Lists (sectors, tags, kill-chain phases as <c>chain:phase</c>) are separated by ';'; enums are
/// written as in docs/cli.md (<c>ipv4</c>, <c>amber+strict</c>, <c>high</c>, <c>energy</c>); times are ISO 8601.
/// </summary>
internal static class IndicatorCsv
{
    public static readonly string[] Columns =
    [
        "type", "value", "tlp", "confidence", "severity", "sectors", "tags", "kill_chain_phases", "valid_from",
        "valid_until", "description", "reporting_organisation", "internal_notes", "may_reshare", "hop_limit", "id",
    ];

    /// <param name="reader">The file.</param>
    /// <param name="linesBefore">Lines already read from it (blank), for the line numbers of messages.</param>
    public static IEnumerable<(int Line, IndicatorSubmission Submission)> Read(TextReader reader, int linesBefore = 0)
    {
        var csv = new CsvReader(reader, firstLine: linesBefore + 1);
        if (csv.Read() is not { } header)
        {
            yield break;
        }
        var names = header.Fields.Select(n => n.Trim().ToLowerInvariant().Replace('-', '_')).ToArray();
        foreach (var name in names.Where(n => !Columns.Contains(n)))
        {
            throw new FormatException($"line {header.Line}: unknown column '{name}' (columns: {string.Join(", ", Columns)})");
        }
        if (!names.Contains("type") || !names.Contains("value"))
        {
            throw new FormatException($"line {header.Line}: the header row must name the columns, 'type' and 'value' at least");
        }
        while (csv.Read() is { } record)
        {
            if (record.Fields.Count != names.Length)
            {
                throw new FormatException($"line {record.Line}: {record.Fields.Count} fields, the header has {names.Length}");
            }
            var submission = new IndicatorSubmission();
            for (var i = 0; i < names.Length; i++)
            {
                try
                {
                    Set(submission, names[i], record.Fields[i].Trim());
                }
                catch (FormatException e)
                {
                    throw new FormatException($"line {record.Line}: {e.Message}", e);
                }
            }
            yield return (record.Line, submission);
        }
    }

    private static void Set(IndicatorSubmission item, string column, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        switch (column)
        {
            case "type": item.Type = ProtoEnums.Parse<IndicatorType>(text, column); break;
            case "value": item.Value = text; break;
            case "tlp": item.Tlp = ProtoEnums.Parse<Tlp>(text, column); break;
            case "confidence": item.Confidence = Number(text, column); break;
            case "severity": item.Severity = ProtoEnums.Parse<Severity>(text, column); break;
            case "sectors": item.Sectors.AddRange(List(text).Select(s => ProtoEnums.Parse<Sector>(s, column))); break;
            case "tags": item.Tags.AddRange(List(text)); break;
            case "kill_chain_phases": item.KillChainPhases.AddRange(List(text).Select(Phase)); break;
            case "valid_from": item.ValidFrom = Time(text, column); break;
            case "valid_until": item.ValidUntil = Time(text, column); break;
            case "description": item.Description = text; break;
            case "reporting_organisation": item.ReportingOrganisation = text; break;
            case "internal_notes": item.InternalNotes = text; break;
            case "may_reshare": (item.Distribution ??= new Distribution()).MayReshare = Boolean(text, column); break;
            case "hop_limit": (item.Distribution ??= new Distribution()).HopLimit = Number(text, column); break;
            case "id": item.Id = text; break;
        }
    }

    private static IEnumerable<string> List(string text) =>
        text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static KillChainPhase Phase(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1
            ? new KillChainPhase { KillChainName = text[..colon], PhaseName = text[(colon + 1)..] }
            : throw new FormatException($"kill_chain_phases: '{text}' is not chain:phase");
    }

    private static uint Number(string text, string column) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{column}: '{text}' is not a whole number");

    private static bool Boolean(string text, string column) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new FormatException($"{column}: '{text}' is not true or false"),
    };

    private static Timestamp Time(string text, string column) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Timestamp.FromDateTimeOffset(time)
            : throw new FormatException($"{column}: '{text}' is not an ISO 8601 time");
}
