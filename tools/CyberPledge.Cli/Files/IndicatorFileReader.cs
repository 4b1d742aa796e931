using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Cli.Files;

/// <summary>
/// The indicators of a submit file: CSV with a header row (<see cref="IndicatorCsv"/>), or JSON lines, one
/// IndicatorSubmission in protobuf JSON per line. A file ending in .csv is CSV, one ending in .jsonl, .ndjson or
/// .json is JSON lines; otherwise a first character '{' means JSON lines. Each item carries its line for messages.
/// </summary>
internal static class IndicatorFileReader
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    public static IEnumerable<(int Line, IndicatorSubmission Submission)> Read(string path, TextReader reader)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".csv":
                return IndicatorCsv.Read(reader);
            case ".jsonl" or ".ndjson" or ".json":
                return ReadJsonLines(reader, 0);
        }
        // Sniffing reads past leading blank lines, which still count for the line numbers.
        var skipped = 0;
        while (reader.Peek() is var c && c >= 0 && char.IsWhiteSpace((char)c))
        {
            skipped += reader.Read() == '\n' ? 1 : 0;
        }
        return reader.Peek() == '{' ? ReadJsonLines(reader, skipped) : IndicatorCsv.Read(reader, skipped);
    }

    private static IEnumerable<(int, IndicatorSubmission)> ReadJsonLines(TextReader reader, int linesBefore)
    {
        var number = linesBefore;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            IndicatorSubmission submission;
            try
            {
                submission = Parser.Parse<IndicatorSubmission>(line);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new FormatException($"line {number}: {e.Message}", e);
            }
            catch (InvalidJsonException e)
            {
                throw new FormatException($"line {number}: {e.Message}", e);
            }
            yield return (number, submission);
        }
    }
}
