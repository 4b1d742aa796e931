using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>indicators watch</c>: the change feed, one line (or one JSON message) per stored version, until Ctrl+C. With
/// --from-now the cursor is the feed's end as GetNodeIdentity reports it, printed on stderr before the stream opens,
/// so a caller knows from when it sees everything (and can resume with --after).
/// </summary>
internal static class IndicatorsWatchCommand
{
    public static Command Create(CliContext context)
    {
        var after = new Option<ulong?>("--after") { Description = "Versions after this feed sequence (default 0: the whole feed)", HelpName = "N" };
        var fromNow = new Option<bool>("--from-now") { Description = "Only versions stored from now on" };
        var command = new Command("watch", "Print the change feed as it happens, until Ctrl+C") { after, fromNow };
        CommandAction.Bind(command, context, async action =>
        {
            var client = action.Connection.Indicators;
            var request = new WatchRequest { AfterSequence = action.Value(after) ?? 0 };
            if (action.Value(fromNow))
            {
                if (action.Value(after) is not null)
                {
                    throw new UsageException("--after and --from-now: give one, not both");
                }
                var identity = await client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: action.CancellationToken);
                request.AfterSequence = identity.LastSequence;
                request.FeedId = identity.FeedId;
            }
            await action.Error.WriteLineAsync($"watching after sequence {request.AfterSequence} (Ctrl+C to stop)");
            using var call = client.Watch(request, cancellationToken: action.CancellationToken);
            try
            {
                await foreach (var change in call.ResponseStream.ReadAllAsync(action.CancellationToken))
                {
                    if (action.Output.Json)
                    {
                        action.Output.Message(change);
                    }
                    else
                    {
                        action.Output.Line(IndicatorTables.EventLine(change));
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
}
