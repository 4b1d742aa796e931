using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary><c>audit list [--grantee --subject --from --to]|verify</c>: the hash-chained log of agreement and peer changes.</summary>
internal static class AuditCommands
{
    private const uint PageSize = 1000;

    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "The append-only, hash-chained audit log (Partners service, --partners)");
        command.Add(List(context));
        command.Add(Verify(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var grantee = new Option<string?>("--grantee") { Description = "Only records about this grantee nation", HelpName = "NATION" };
        var subject = new Option<string?>("--subject") { Description = "Only records about this subject (agreement:JPN-2026-01, peer:JPN)" };
        var from = new Option<string?>("--from") { Description = "From this time (ISO 8601)", HelpName = "TIME" };
        var to = new Option<string?>("--to") { Description = "Up to this time (ISO 8601)", HelpName = "TIME" };
        var command = new Command("list", "List audit records, oldest first (every page)") { grantee, subject, from, to };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new ListAuditRequest
            {
                Grantee = action.Value(grantee) ?? "",
                Subject = action.Value(subject) ?? "",
                From = AgreementDecisionCommands.Time(action.Value(from)),
                To = AgreementDecisionCommands.Time(action.Value(to)),
                Limit = PageSize,
            };
            var all = new ListAuditResponse();
            while (true)
            {
                var page = await action.Connection.Partners.ListAuditAsync(request, cancellationToken: action.CancellationToken);
                all.Records.AddRange(page.Records);
                if (page.NextAfterSequence == 0 || page.Records.Count == 0 || page.NextAfterSequence <= request.AfterSequence)
                {
                    break;
                }
                request.AfterSequence = page.NextAfterSequence;
            }
            AgreementsCommands.Print(action.Output, all, () => PartnerTables.Audit(all.Records));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var command = new Command("verify", "Walk the chain; exit code 1 and the first broken record when it does not hold");
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Partners.VerifyAuditAsync(new VerifyAuditRequest(), cancellationToken: action.CancellationToken);
            if (action.Output.Json)
            {
                action.Output.Message(response);
            }
            else
            {
                action.Output.Line(PartnerTables.Verification(response));
            }
            if (!response.Valid)
            {
                await action.Error.WriteLineAsync(CliErrors.Line(PartnerTables.Verification(response)));
                return ExitCodes.Failure;
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
