using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>taxii collections</c>: the TAXII collections this node serves, the node's and one per grantee, with their ids
/// (Federation service, --federation; admin and analyst; docs/taxii.md "Collections and policy").
/// </summary>
internal static class TaxiiCollectionsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("collections", "The TAXII collections this node serves, with their ids and who may read and write them (Federation service, --federation)");
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Federation.ListTaxiiCollectionsAsync(new ListTaxiiCollectionsRequest(), cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => TaxiiTables.Collections(response.Collections));
            return ExitCodes.Success;
        });
        return command;
    }
}
