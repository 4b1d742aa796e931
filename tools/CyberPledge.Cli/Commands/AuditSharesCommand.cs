using System.CommandLine;
using CyberPledge.Cli.Files;
using CyberPledge.Cli.Output;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>audit shares --grantee JPN [--since 7d] [--agreement ID] [--withheld]</c>: what Federation gave a grantee (or
/// withheld from it), under which agreement version, from the share records of the audit log.
/// </summary>
internal static class AuditSharesCommand
{
    public static Command Create(CliContext context)
    {
        var grantee = new Option<string>("--grantee") { Description = "The grantee nation (JPN)", HelpName = "NATION", Required = true };
        var since = new Option<string?>("--since") { Description = "Only decisions this recent (7d, 12h, 30m) or since this time (ISO 8601); default 7d", HelpName = "AGE|TIME" };
        var agreement = new Option<string?>("--agreement") { Description = "Only decisions under this agreement", HelpName = "ID" };
        var withheld = new Option<bool>("--withheld") { Description = "Withheld versions instead of sent ones" };
        var command = new Command("shares", "Share decisions for one grantee: which versions were sent (or withheld), under which agreement, and why")
        {
            grantee, since, agreement, withheld,
        };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new ListAuditRequest
            {
                Grantee = action.Value(grantee),
                Action = action.Value(withheld) ? "share.withheld" : "share.sent",
                Subject = action.Value(agreement) is { Length: > 0 } id ? "agreement:" + id : "",
                From = Since(action.Value(since) ?? "7d"),
            };
            var all = await AuditCommands.ListAllAsync(action.Connection.Partners, request, action.CancellationToken);
            AgreementsCommands.Print(action.Output, all, () => PartnerTables.Shares(all.Records));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Timestamp? Since(string text) => DurationText.TryParse(text, out var age)
        ? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow - age)
        : AgreementDecisionCommands.Time(text);
}
