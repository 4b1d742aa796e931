using System.CommandLine;
using CyberPledge.Cli.Output;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Cli.Commands;

/// <summary><c>agreements activate|suspend|revoke ID [--reason]</c>: each a new version, recorded in the audit log.</summary>
internal static class AgreementLifecycleCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Transition(context, "activate", "Activate a draft or suspended agreement: sharing starts",
            (client, request, token) => client.ActivateAgreementAsync(request, cancellationToken: token));
        yield return Transition(context, "suspend", "Suspend an active agreement: sharing stops until it is activated again",
            (client, request, token) => client.SuspendAgreementAsync(request, cancellationToken: token));
        yield return Transition(context, "revoke", "Revoke an agreement for good",
            (client, request, token) => client.RevokeAgreementAsync(request, cancellationToken: token));
    }

    private static Command Transition(CliContext context, string name, string description,
        Func<Partners.PartnersClient, AgreementTransitionRequest, CancellationToken, AsyncUnaryCall<SharingAgreement>> call)
    {
        var id = AgreementsCommands.IdArgument();
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit log" };
        var expected = AgreementsCommands.ExpectedVersionOption();
        var command = new Command(name, description) { id, reason, expected };
        CommandAction.Bind(command, context, async action =>
        {
            var request = new AgreementTransitionRequest
            {
                Id = action.Value(id),
                Reason = action.Value(reason) ?? "",
                ExpectedVersion = await AgreementsCommands.ExpectedVersion(action, action.Value(id), expected),
            };
            var agreement = await call(action.Connection.Partners, request, action.CancellationToken);
            AgreementsCommands.Print(action.Output, agreement, () => AgreementTables.Details(agreement));
            return ExitCodes.Success;
        });
        return command;
    }
}
