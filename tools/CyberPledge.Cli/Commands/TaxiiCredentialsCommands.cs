using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;
using Spectre.Console;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>taxii credentials issue NATION|list|revoke USERNAME</c>: HTTP Basic credentials for partner applications on the
/// TAXII route (Partners service, admin only; docs/taxii.md "Authentication").
/// </summary>
internal static class TaxiiCredentialsCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("credentials", "HTTP Basic credentials of partner applications (Partners service, --partners; admin)");
        command.Add(Issue(context));
        command.Add(List(context));
        command.Add(Revoke(context));
        return command;
    }

    /// <summary>The password is printed here once: Partners keeps only its hash.</summary>
    private static Command Issue(CliContext context)
    {
        var nation = new Argument<string>("NATION") { Description = "The partner or peer nation's ISO 3166-1 alpha-3 code" };
        var label = new Option<string?>("--label") { Description = "Which application holds it (free text)", HelpName = "L" };
        var command = new Command("issue", "Issue a credential; prints its username and password once") { nation, label };
        CommandAction.Bind(command, context, async action =>
        {
            var issued = await action.Connection.Partners.IssueTaxiiCredentialAsync(
                new IssueTaxiiCredentialRequest { Nation = action.Value(nation), Label = action.Value(label) ?? "" },
                cancellationToken: action.CancellationToken);
            if (action.Output.Json)
            {
                action.Output.Message(issued);
            }
            else
            {
                action.Output.Line($"username: {TerminalText.Clean(issued.Credential.Username)}");
                action.Output.Line($"password: {TerminalText.Clean(issued.Password)}");
                await action.Error.WriteLineAsync("The password is shown only now: store it in the application's secret store.");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the credentials (never a password)");
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Partners.ListTaxiiCredentialsAsync(new ListTaxiiCredentialsRequest(), cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, response, () => Table(response.Credentials));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var username = new Argument<string>("USERNAME") { Description = "The credential's username (taxii-...)" };
        var command = new Command("revoke", "Revoke a credential (the gateway may accept it for up to 60 s more)") { username };
        CommandAction.Bind(command, context, async action =>
        {
            var revoked = await action.Connection.Partners.RevokeTaxiiCredentialAsync(
                new RevokeTaxiiCredentialRequest { Username = action.Value(username) }, cancellationToken: action.CancellationToken);
            AgreementsCommands.Print(action.Output, revoked, () => Table([revoked]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Table(IEnumerable<TaxiiCredential> credentials)
    {
        var table = CliOutput.Table("USERNAME", "NATION", "LABEL", "CREATED", "BY", "REVOKED");
        foreach (var c in credentials)
        {
            CliOutput.Row(table, c.Username, c.Nation, c.Label, Display.Time(c.Created), c.CreatedBy, c.Revoked is null ? "" : Display.Time(c.Revoked));
        }
        return table;
    }
}
