using System.CommandLine;
using CyberPledge.Cli.Files;
using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>agreements list|show|create|update|history</c>; the lifecycle commands, preview and explain are in their own
/// files. Against the Partners service (--partners).
/// </summary>
internal static class AgreementsCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("agreements", "Sharing agreements with partner and ally nations (Partners service, --partners)");
        command.Add(List(context));
        command.Add(Show(context));
        command.Add(CreateCommand(context));
        command.Add(Update(context));
        foreach (var lifecycle in AgreementLifecycleCommands.Create(context))
        {
            command.Add(lifecycle);
        }
        command.Add(History(context));
        command.Add(AgreementDecisionCommands.Preview(context));
        command.Add(AgreementDecisionCommands.Explain(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var grantee = new Option<string?>("--grantee") { Description = "Only this grantee nation (JPN)", HelpName = "NATION" };
        var status = new Option<string?>("--status") { Description = "draft, active, suspended, revoked, expired" };
        var command = new Command("list", "List agreements") { grantee, status };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new ListAgreementsRequest
            {
                Grantee = action.Value(grantee) ?? "",
                Status = IndicatorsCommands.Parse<AgreementStatus>(action.Value(status), "--status"),
            };
            var response = await action.Connection.Partners.ListAgreementsAsync(request, cancellationToken: action.CancellationToken);
            Print(action.Output, response, () => AgreementTables.List(response.Agreements));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = IdArgument();
        var version = new Option<ulong>("--version") { Description = "A given version (default: the latest)", HelpName = "N" };
        var command = new Command("show", "Show one agreement and its rules") { id, version };
        CommandAction.Bind(command, context, async action =>
        {
            var agreement = await action.Connection.Partners.GetAgreementAsync(
                new GetAgreementRequest { Id = action.Value(id), Version = action.Value(version) }, cancellationToken: action.CancellationToken);
            Print(action.Output, agreement, () => AgreementTables.Details(agreement));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateCommand(CliContext context)
    {
        var file = FileArgument();
        var template = new Option<string?>("--template")
        {
            Description = "Take the rules from a built-in template (the file then gives no rules)",
        };
        template.AcceptOnlyFromAmong("ally", "partner");
        var records = new AgreementRecordOptions();
        var command = new Command("create", "Create an agreement, as a draft, from a YAML or JSON file") { file, template };
        records.AddTo(command);
        CommandAction.Bind(command, context, async action =>
        {
            var change = records.Read(action);
            var request = new CreateAgreementRequest { Agreement = ReadAgreement(action.Value(file)) };
            request.Template = action.Value(template) switch
            {
                "ally" => AgreementTemplate.AllyBaseline,
                "partner" => AgreementTemplate.PartnerBaseline,
                _ => AgreementTemplate.Unspecified,
            };
            if (request.Template != AgreementTemplate.Unspecified && request.Agreement.Rules is not null)
            {
                throw new UsageException("--template: the file gives rules too; give one or the other");
            }
            if (change is not null)
            {
                // The options change the template's rules: read them here and send the result as the agreement's own.
                if (request.Template != AgreementTemplate.Unspecified)
                {
                    request.Agreement.Rules = await action.Connection.Partners.GetTemplateAsync(
                        new GetTemplateRequest { Template = request.Template }, cancellationToken: action.CancellationToken);
                    request.Template = AgreementTemplate.Unspecified;
                }
                change(request.Agreement.Rules ??= new AgreementRules());
            }
            var agreement = await action.Connection.Partners.CreateAgreementAsync(request, cancellationToken: action.CancellationToken);
            Print(action.Output, agreement, () => AgreementTables.Details(agreement));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var id = IdArgument();
        var file = new Argument<FileInfo?>("FILE")
        {
            Description = "A YAML or JSON agreement file (docs/cli.md); without one, the current version changed by the rule options",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var expected = ExpectedVersionOption();
        var records = new AgreementRecordOptions();
        var command = new Command("update", "Give an agreement new rules or a new validity window (a new version)") { id, file, expected };
        records.AddTo(command);
        CommandAction.Bind(command, context, async action =>
        {
            var change = records.Read(action);
            SharingAgreement agreement;
            ulong version;
            if (action.Value(file) is { } given)
            {
                agreement = ReadAgreement(given);
                if (agreement.Id.Length > 0 && agreement.Id != action.Value(id))
                {
                    throw new UsageException($"the file is for agreement '{agreement.Id}', not '{action.Value(id)}'");
                }
                agreement.Id = action.Value(id);
                version = await ExpectedVersion(action, action.Value(id), expected);
            }
            else if (change is not null)
            {
                agreement = await action.Connection.Partners.GetAgreementAsync(
                    new GetAgreementRequest { Id = action.Value(id) }, cancellationToken: action.CancellationToken);
                version = action.Value(expected) ?? agreement.Version;
            }
            else
            {
                throw new UsageException("update: give a FILE or a rule option (--share-incidents, --support, ...)");
            }
            if (change is not null)
            {
                change(agreement.Rules ??= new AgreementRules());
            }
            var updated = await action.Connection.Partners.UpdateAgreementAsync(
                new UpdateAgreementRequest { Agreement = agreement, ExpectedVersion = version }, cancellationToken: action.CancellationToken);
            Print(action.Output, updated, () => AgreementTables.Details(updated));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command History(CliContext context)
    {
        var id = IdArgument();
        var command = new Command("history", "Every version of an agreement, oldest first") { id };
        CommandAction.Bind(command, context, async action =>
        {
            var response = await action.Connection.Partners.GetAgreementHistoryAsync(
                new GetAgreementHistoryRequest { Id = action.Value(id) }, cancellationToken: action.CancellationToken);
            Print(action.Output, response, () => AgreementTables.History(response.Versions));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Argument<string> IdArgument() => new("ID") { Description = "The agreement's id, e.g. JPN-2026-01" };

    internal static Argument<FileInfo> FileArgument() => new("FILE") { Description = "A YAML or JSON agreement file (docs/cli.md)" };

    internal static Option<ulong?> ExpectedVersionOption() => new("--expected-version")
    {
        Description = "Fail unless this is the current version (default: the current version, read first)",
        HelpName = "N",
    };

    /// <summary>The version a change is made against: the one given, else the current one.</summary>
    internal static async Task<ulong> ExpectedVersion(CommandAction action, string id, Option<ulong?> option)
    {
        if (action.Value(option) is { } given)
        {
            return given;
        }
        var current = await action.Connection.Partners.GetAgreementAsync(new GetAgreementRequest { Id = id }, cancellationToken: action.CancellationToken);
        return current.Version;
    }

    internal static void Print(CliOutput output, Google.Protobuf.IMessage message, Func<Spectre.Console.Rendering.IRenderable> table)
    {
        if (output.Json)
        {
            output.Message(message);
        }
        else
        {
            output.Write(table());
        }
    }

    private static SharingAgreement ReadAgreement(FileInfo file)
    {
        try
        {
            return MessageFile.ReadAgreement(file.FullName);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, e);
        }
    }
}
