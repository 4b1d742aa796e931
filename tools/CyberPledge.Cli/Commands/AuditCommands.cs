using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>audit list [--grantee --subject --action --from --to]|shares --grantee [--since --agreement]|verify</c>: the
/// hash-chained log of agreement and peer changes and of Federation's share decisions.
/// </summary>
internal static class AuditCommands
{
    private const uint PageSize = 1000;

    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "The append-only, hash-chained audit log (Partners service, --partners)");
        command.Add(List(context));
        command.Add(AuditSharesCommand.Create(context));
        command.Add(Verify(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var grantee = new Option<string?>("--grantee") { Description = "Only records about this grantee nation", HelpName = "NATION" };
        var subject = new Option<string?>("--subject") { Description = "Only records about this subject (agreement:JPN-2026-01, peer:JPN)" };
        var from = new Option<string?>("--from") { Description = "From this time (ISO 8601)", HelpName = "TIME" };
        var to = new Option<string?>("--to") { Description = "Up to this time (ISO 8601)", HelpName = "TIME" };
        var actionFilter = new Option<string?>("--action") { Description = "Only this action, or every action starting with it when it ends with a dot (share.)" };
        var command = new Command("list", "List audit records, oldest first (every page)") { grantee, subject, actionFilter, from, to };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new ListAuditRequest
            {
                Grantee = action.Value(grantee) ?? "",
                Subject = action.Value(subject) ?? "",
                Action = action.Value(actionFilter) ?? "",
                From = AgreementDecisionCommands.Time(action.Value(from)),
                To = AgreementDecisionCommands.Time(action.Value(to)),
            };
            var all = await ListAllAsync(action.Connection.Partners, request, action.CancellationToken);
            AgreementsCommands.Print(action.Output, all, () => PartnerTables.Audit(all.Records));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every page of a listing.</summary>
    public static async Task<ListAuditResponse> ListAllAsync(Partners.PartnersClient partners, ListAuditRequest request, CancellationToken cancellationToken)
    {
        request.Limit = PageSize;
        var all = new ListAuditResponse();
        while (true)
        {
            var page = await partners.ListAuditAsync(request, cancellationToken: cancellationToken);
            all.Records.AddRange(page.Records);
            if (page.NextAfterSequence == 0 || page.Records.Count == 0 || page.NextAfterSequence <= request.AfterSequence)
            {
                return all;
            }
            request.AfterSequence = page.NextAfterSequence;
        }
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
