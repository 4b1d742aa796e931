using System.CommandLine;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>taxii collections|credentials|sources</c>: the node's TAXII 2.1 side (docs/taxii.md): the collections it serves,
/// the credentials partner applications use, and the external collections it pulls.
/// </summary>
internal static class TaxiiCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("taxii", "The node's TAXII 2.1 collections, credentials and sources");
        command.Add(TaxiiCollectionsCommand.Create(context));
        command.Add(TaxiiCredentialsCommands.Create(context));
        command.Add(TaxiiSourcesCommands.Create(context));
        return command;
    }
}
