using System.CommandLine;
using CyberPledge.Cli.Files;
using CyberPledge.Cli.Output;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Cli.Commands;

/// <summary><c>peers list|add FILE|remove NATION|watch</c>: the registry of nations this node talks to.</summary>
internal static class PeersCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("peers", "The registry of peer and partner nations (Partners service, --partners)");
        command.Add(List(context));
        command.Add(Add(context));
        command.Add(Remove(context));
        command.Add(Watch(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the registered nations");
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Partners.ListPeersAsync(new ListPeersRequest(), cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => PartnerTables.Peers(response.Peers));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A YAML or JSON peer file (docs/cli.md)" };
        var command = new Command("add", "Register a nation from a file") { file };
        CommandAction.Bind(command, context, async action =>
        {
            Peer peer;
            try
            {
                peer = MessageFile.ReadPeer(action.Value(file).FullName);
            }
            catch (FormatException e)
            {
                throw new CliException(e.Message, e);
            }
            var added = await action.Connection.Partners.AddPeerAsync(new AddPeerRequest { Peer = peer }, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, added, () => PartnerTables.Peers([added]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One line (or one JSON message) per snapshot, until Ctrl+C: what the gateway and Federation see.</summary>
    private static Command Watch(CliContext context)
    {
        var command = new Command("watch", "Print the registry, then again after each change, until Ctrl+C");
        CommandAction.Bind(command, context, async action =>
        {
            await action.Error.WriteLineAsync("watching the peer registry (Ctrl+C to stop)");
            using var call = action.Connection.Partners.WatchPeers(new WatchPeersRequest(), cancellationToken: action.CancellationToken);
            try
            {
                await foreach (var snapshot in call.ResponseStream.ReadAllAsync(action.CancellationToken))
                {
                    if (action.Output.Json)
                    {
                        action.Output.Message(snapshot);
                    }
                    else
                    {
                        action.Output.Line(PartnerTables.SnapshotLine(snapshot));
                    }
                }
            }
            catch (Exception e) when (CommandAction.IsCancellation(e, action.CancellationToken))
            {
                // Ctrl+C is how a watch ends.
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var nation = new Argument<string>("NATION") { Description = "The nation's ISO 3166-1 alpha-3 code" };
        var command = new Command("remove", "Remove a nation from the registry") { nation };
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Partners.RemovePeerAsync(
                new RemovePeerRequest { Nation = action.Value(nation) }, cancellationToken: action.CancellationToken);
            if (action.Output.Json)
            {
                action.Output.Message(response);
            }
            else
            {
                action.Output.Line($"removed {TerminalText.Clean(action.Value(nation))}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
