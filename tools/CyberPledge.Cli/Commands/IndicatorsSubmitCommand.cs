using System.CommandLine;
using CyberPledge.Cli.Files;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>indicators submit FILE</c>: CSV or JSON lines, read whole first (a malformed file sends nothing), then sent in
/// batches of 1,000 (the service's limit); one result per item. Exit code 1 when any item was rejected.
/// </summary>
internal static class IndicatorsSubmitCommand
{
    public const int BatchSize = 1000;

    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV with a header row (type,value,tlp,...) or JSON lines of IndicatorSubmission" };
        var command = new Command("submit", "Create or change indicators from a file (docs/cli.md has the formats)") { file };
        CommandAction.Bind(command, context, async action =>
        {
            var path = action.Value(file);
            using var reader = Open(path);
            var response = new SubmitResponse();
            var lines = new List<(int Line, SubmitResult Result)>();
            IEnumerable<(int Line, IndicatorSubmission Submission)> items;
            try
            {
                items = IndicatorFileReader.Read(path.Name, reader).ToList();
            }
            catch (FormatException e)
            {
                throw new CliException($"{path.Name}: {e.Message}", e);
            }
            foreach (var chunk in items.Chunk(BatchSize))
            {
                var request = new SubmitRequest();
                request.Indicators.AddRange(chunk.Select(c => c.Submission));
                var answer = await action.Connection.Indicators.SubmitAsync(request, cancellationToken: action.CancellationToken);
                response.Results.AddRange(answer.Results);
                lines.AddRange(chunk.Zip(answer.Results, (c, r) => (c.Line, r)));
            }
            if (action.Output.Json)
            {
                action.Output.Message(response);
            }
            else
            {
                action.Output.Write(IndicatorTables.SubmitResults(lines));
            }
            var rejected = response.Results.Count(r => r.Outcome == SubmitOutcome.Rejected);
            if (rejected > 0)
            {
                await action.Error.WriteLineAsync(CliErrors.Line($"{rejected} of {response.Results.Count} indicator(s) rejected"));
                return ExitCodes.Failure;
            }
            if (response.Results.Count == 0)
            {
                await action.Error.WriteLineAsync($"{path.Name}: no indicators");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static TextReader Open(FileInfo file)
    {
        try
        {
            return new StreamReader(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message, e);
        }
    }
}
