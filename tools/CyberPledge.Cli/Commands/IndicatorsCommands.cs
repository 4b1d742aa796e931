using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.Cli.Protos;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary><c>indicators get|query|revoke|promote</c>, and the submit and watch commands from their own files.</summary>
internal static class IndicatorsCommands
{
    private const uint MaxPageSize = 1000;

    public static Command Create(CliContext context)
    {
        var command = new Command("indicators", "Submit, read, query, revoke and watch this node's indicators (Indicators service, --address)");
        command.Add(IndicatorsSubmitCommand.Create(context));
        command.Add(Get(context));
        command.Add(Query(context));
        command.Add(Revoke(context));
        command.Add(Promote(context));
        command.Add(IndicatorsWatchCommand.Create(context));
        return command;
    }

    private static Command Get(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The indicator's id" };
        var version = new Option<ulong>("--version") { Description = "A given version (default: the latest)", HelpName = "N" };
        var command = new Command("get", "Show one indicator") { id, version };
        CommandAction.Bind(command, context, async action =>
        {
            var indicator = await action.Connection.Indicators.GetAsync(
                new GetRequest { Id = action.Value(id), Version = action.Value(version) }, cancellationToken: action.CancellationToken);
            Print(action.Output, indicator);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The indicator's id" };
        var command = new Command("revoke", "Revoke an indicator this node originated (a new, signed version)") { id };
        CommandAction.Bind(command, context, async action =>
        {
            var indicator = await action.Connection.Indicators.RevokeAsync(new RevokeRequest { Id = action.Value(id) }, cancellationToken: action.CancellationToken);
            Print(action.Output, indicator);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Promote(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The imported indicator's id" };
        var note = new Option<string?>("--note") { Description = "Why, for the audit log" };
        var command = new Command("promote", "Promote an imported indicator: it may then federate like this node's own (a new, signed version)") { id, note };
        CommandAction.Bind(command, context, async action =>
        {
            var indicator = await action.Connection.Indicators.PromoteImportedAsync(
                new PromoteImportedRequest { Id = action.Value(id), Note = action.Value(note) ?? "" }, cancellationToken: action.CancellationToken);
            Print(action.Output, indicator);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Query(CliContext context)
    {
        var type = new Option<string?>("--type") { Description = "ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256, cve, asn" };
        var value = new Option<string?>("--value") { Description = "An exact value (normalized as Submit does; defanged forms work)" };
        var text = new Option<string?>("--text") { Description = "A substring of the value, description or a tag" };
        var origin = new Option<string?>("--origin") { Description = "The origin nation (NLD) or nation/node (NLD/hague)", HelpName = "NATION[/NODE]" };
        var tlp = new Option<string?>("--tlp") { Description = "clear, green, amber, amber+strict, red" };
        var sector = new Option<string?>("--sector") { Description = "energy, transport, communications, water, healthcare, finance, government, defence" };
        var revoked = new Option<bool>("--include-revoked") { Description = "Include revoked indicators" };
        var limit = new Option<int>("--limit") { Description = "At most this many (0 for all)", DefaultValueFactory = _ => 100, HelpName = "N" };
        var command = new Command("query", "Find indicators (latest versions, in feed order); follows pages up to --limit")
        {
            type, value, text, origin, tlp, sector, revoked, limit,
        };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new QueryRequest { Value = action.Value(value) ?? "", Text = action.Value(text) ?? "", IncludeRevoked = action.Value(revoked) };
            request.Type = Parse<IndicatorType>(action.Value(type), "--type");
            request.Tlp = Parse<Tlp>(action.Value(tlp), "--tlp");
            request.Sector = Parse<Sector>(action.Value(sector), "--sector");
            if (action.Value(origin) is { } nationAndNode)
            {
                var slash = nationAndNode.IndexOf('/', StringComparison.Ordinal);
                request.OriginNation = slash < 0 ? nationAndNode : nationAndNode[..slash];
                request.OriginNodeId = slash < 0 ? "" : nationAndNode[(slash + 1)..];
            }
            var max = action.Value(limit);
            if (max < 0)
            {
                throw new UsageException("--limit: must be 0 or more");
            }
            var result = new QueryResponse();
            do
            {
                var wanted = max == 0 ? MaxPageSize : (uint)Math.Min(MaxPageSize, max - result.Indicators.Count);
                request.PageSize = wanted;
                var page = await action.Connection.Indicators.QueryAsync(request, cancellationToken: action.CancellationToken);
                result.Indicators.AddRange(max == 0 ? page.Indicators : page.Indicators.Take(max - result.Indicators.Count));
                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0 && (max == 0 || result.Indicators.Count < max));
            // A script that wants the rest can carry on from here.
            result.NextPageToken = request.PageToken;
            if (action.Output.Json)
            {
                action.Output.Message(result);
            }
            else
            {
                action.Output.Write(IndicatorTables.List(result.Indicators));
                var more = result.NextPageToken.Length > 0 ? " (more: raise --limit)" : "";
                await action.Error.WriteLineAsync($"{result.Indicators.Count} indicator(s){more}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses an enum option, a usage error naming the option when it is not one of the values.</summary>
    internal static T Parse<T>(string? text, string option) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }
        try
        {
            return ProtoEnums.Parse<T>(text, option);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Print(CliOutput output, Indicator indicator)
    {
        if (output.Json)
        {
            output.Message(indicator);
        }
        else
        {
            output.Write(IndicatorTables.Details(indicator));
        }
    }
}
