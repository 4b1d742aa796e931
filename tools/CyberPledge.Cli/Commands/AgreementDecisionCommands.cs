using System.CommandLine;
using System.Globalization;
using CyberPledge.Cli.Output;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace CyberPledge.Cli.Commands;

/// <summary><c>agreements preview ID</c> and <c>agreements explain INDICATOR-ID --grantee NATION</c>.</summary>
internal static class AgreementDecisionCommands
{
    public static Command Preview(CliContext context)
    {
        var id = AgreementsCommands.IdArgument();
        var version = new Option<ulong>("--version") { Description = "A given version (default: the latest)", HelpName = "N" };
        var samples = new Option<uint>("--samples") { Description = "Samples of each kind (default 10, at most 100)", HelpName = "N" };
        var at = AtOption();
        var command = new Command("preview", "Run an agreement (a draft too) over the stored indicators: what would be shared, what withheld and why")
        {
            id, version, samples, at,
        };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new PreviewRequest
            {
                AgreementId = action.Value(id),
                AgreementVersion = action.Value(version),
                Samples = action.Value(samples),
                At = Time(action.Value(at)),
            };
            var response = await action.Connection.Partners.PreviewAsync(request, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => new Rows(AgreementTables.Preview(response)));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Explain(CliContext context)
    {
        var indicator = new Argument<string>("INDICATOR-ID") { Description = "The indicator's id" };
        var grantee = new Option<string>("--grantee") { Description = "The grantee nation (JPN)", HelpName = "NATION", Required = true };
        var agreement = new Option<string?>("--agreement") { Description = "This agreement (a draft too) instead of the grantee's active ones", HelpName = "ID" };
        var version = new Option<ulong>("--version") { Description = "The indicator's version (default: the latest)", HelpName = "N" };
        var at = AtOption();
        var command = new Command("explain", "Would this indicator be shared with this grantee, and why (or why not)?")
        {
            indicator, grantee, agreement, version, at,
        };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new ExplainRequest
            {
                IndicatorId = action.Value(indicator),
                IndicatorVersion = action.Value(version),
                Grantee = action.Value(grantee),
                AgreementId = action.Value(agreement) ?? "",
                At = Time(action.Value(at)),
            };
            var response = await action.Connection.Partners.ExplainAsync(request, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => AgreementTables.Explain(response));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string?> AtOption() => new("--at")
    {
        Description = "Evaluate at this time (ISO 8601; default: now), for embargoes and validity windows",
        HelpName = "TIME",
    };

    internal static Timestamp? Time(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Timestamp.FromDateTimeOffset(time)
            : throw new UsageException($"'{text}' is not an ISO 8601 time");
    }
}
