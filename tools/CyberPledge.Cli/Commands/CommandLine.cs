using System.CommandLine;
using System.CommandLine.Help;

namespace CyberPledge.Cli.Commands;

/// <summary>Builds the command tree, and turns parse errors into one line each and exit code 2.</summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliSettings settings, CancellationToken cancellationToken)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("CyberPledge Mesh: indicators, sharing agreements, peers and the audit log, over the node's gRPC APIs.");
        globals.AddTo(root);
        var context = new CliContext(settings, globals);
        root.Add(IndicatorsCommands.Create(context));
        root.Add(AgreementsCommands.Create(context));
        root.Add(PeersCommands.Create(context));
        root.Add(LinksCommands.Create(context));
        root.Add(TaxiiCommands.Create(context));
        root.Add(AuditCommands.Create(context));
        root.Add(DevCommands.Create(context));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                await settings.Error.WriteLineAsync(CliErrors.Line(error.Message)).ConfigureAwait(false);
            }
            await settings.Error.WriteLineAsync($"Run '{HelpHint(parsed)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration
        {
            Output = settings.Output,
            Error = settings.Error,
            // Failures are reported by CommandAction as one line; the library's handler prints stack traces.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = settings.HandleTermination ? TimeSpan.FromSeconds(2) : null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static string HelpHint(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "cyberpledge" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
