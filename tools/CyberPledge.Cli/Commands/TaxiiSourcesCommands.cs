using System.CommandLine;
using CyberPledge.Cli.Files;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>taxii sources add|list|remove|failures</c>: the external TAXII 2.1 collections this node pulls and imports
/// (Federation service, --federation; docs/taxii.md, "Connector"). Secrets are read from files, never from the
/// command line, and never shown: a source lists only how it authenticates. The source's bearer token file is
/// <c>--bearer-token-file</c>, because <c>--token-file</c> is this CLI's own credential.
/// </summary>
internal static class TaxiiSourcesCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sources", "External TAXII 2.1 collections this node pulls and imports (Federation service)");
        command.Add(Add(context));
        command.Add(List(context));
        command.Add(Remove(context));
        command.Add(Failures(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The source's name: letters, digits and hyphens" };
        var url = new Argument<string>("URL") { Description = "The collection: https://HOST/API-ROOT/collections/ID/" };
        var username = new Option<string?>("--username") { Description = "HTTP Basic user name (with --password-file)", HelpName = "USER" };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "A file holding the HTTP Basic password", HelpName = "FILE" };
        var tokenFile = new Option<FileInfo?>("--bearer-token-file") { Description = "A file holding the server's bearer token", HelpName = "FILE" };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM of the CA that issued the server's certificate (default: the system's roots)", HelpName = "FILE" };
        var interval = new Option<string?>("--interval") { Description = "How often to poll (30s, 5m, 1h); default 5m", HelpName = "DURATION" };
        var command = new Command("add", "Add a source and start pulling it (admin)") { name, url, username, passwordFile, tokenFile, ca, interval };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new AddTaxiiSourceRequest { Name = action.Value(name), CollectionUrl = action.Value(url) };
            if (action.Value(tokenFile) is { } token)
            {
                if (action.Value(username) is not null || action.Value(passwordFile) is not null)
                {
                    throw new UsageException("--bearer-token-file, or --username with --password-file: not both");
                }

                request.BearerToken = ReadFile(token, "--bearer-token-file").Trim();
            }
            else if (action.Value(username) is { } user)
            {
                request.Username = user;
                request.Password = action.Value(passwordFile) is { } password
                    ? ReadFile(password, "--password-file").TrimEnd('\r', '\n')
                    : throw new UsageException("--username needs --password-file");
            }
            else if (action.Value(passwordFile) is not null)
            {
                throw new UsageException("--password-file needs --username");
            }

            if (action.Value(ca) is { } caFile)
            {
                request.CaCertificatePem = ReadFile(caFile, "--ca");
            }

            if (action.Value(interval) is { } text)
            {
                request.PollInterval = DurationText.TryParse(text, out var every) && every > TimeSpan.Zero
                    ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(every)
                    : throw new UsageException($"--interval: \"{text}\" is not a duration such as 30s, 5m or 1h");
            }

            var source = await action.Connection.Federation.AddTaxiiSourceAsync(request, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, source, () => TaxiiTables.Source(source));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the sources: where each stands, what it imported and failed, its last error");
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Federation.ListTaxiiSourcesAsync(new ListTaxiiSourcesRequest(), cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => TaxiiTables.Sources(response.Sources));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The source's name" };
        var command = new Command("remove", "Stop pulling a source and forget it, with its failures (admin; what it imported stays)") { name };
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Federation.RemoveTaxiiSourceAsync(
                new RemoveTaxiiSourceRequest { Name = action.Value(name) }, cancellationToken: action.CancellationToken);
            if (action.Output.Json)
            {
                action.Output.Message(response);
            }
            else
            {
                action.Output.Line($"removed {TerminalText.Clean(action.Value(name))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Failures(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The source's name" };
        var limit = new Option<uint>("--limit") { Description = "At most this many, newest first (1..1000; default 100)", HelpName = "N" };
        var command = new Command("failures", "The objects a source pulled and could not import, with the reason") { name, limit };
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Federation.ListTaxiiImportFailuresAsync(
                new ListTaxiiImportFailuresRequest { Source = action.Value(name), Limit = action.Value(limit) }, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => TaxiiTables.Failures(response.Failures));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ReadFile(FileInfo file, string option)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option}: {e.Message}", e);
        }
    }
}
