using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary><c>links list|show NATION|enable NATION</c>: this node's federation links (Federation service, --federation).</summary>
internal static class LinksCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("links", "This node's links to peer nodes (Federation service, --federation)");
        command.Add(List(context));
        command.Add(Show(context));
        command.Add(Enable(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the links: the feeds this node takes (inbound) and the subscribers it serves (outbound)");
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Federation.ListLinksAsync(new ListLinksRequest(), cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => LinkTables.Links(response.Links));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var nation = new Argument<string>("NATION") { Description = "The peer nation (JPN)" };
        var direction = new Option<string?>("--direction") { Description = "inbound (default) or outbound", HelpName = "DIRECTION" };
        var command = new Command("show", "One link's status in full") { nation, direction };
        CommandAction.Bind(command, context, async action =>
        {
            var text = action.Value(direction);
            var request = new GetLinkRequest
            {
                Nation = action.Value(nation),
                Direction = text is null ? LinkDirection.Inbound : IndicatorsCommands.Parse<LinkDirection>(text, "--direction"),
            };
            var link = await action.Connection.Federation.GetLinkAsync(request, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, link, () => LinkTables.Link(link));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Enable(CliContext context)
    {
        var nation = new Argument<string>("NATION") { Description = "The peer nation of the cut inbound link (JPN)" };
        var command = new Command("enable", "Enable again an inbound link cut after too many rejected versions (admin; recorded in the audit log)") { nation };
        CommandAction.Bind(command, context, async action =>
        {
            var link = await action.Connection.Federation.EnableLinkAsync(new EnableLinkRequest { Nation = action.Value(nation) }, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, link, () => LinkTables.Link(link));
            return ExitCodes.Success;
        });
        return command;
    }
}
