using System.CommandLine;
using System.Text.Json;
using CyberPledge.Cli.Files;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>dev issuer create DIR</c> and <c>dev token</c> (and the certificates of <see cref="DevCertificateCommands"/>): a development nation key (P-256, mode 0600, as the services'
/// development issuer keeps it) and tokens signed with it, for local runs and tests. Services trust it only when told
/// to (its public key as an issuer), and their development issuer only runs in Development (SECURITY.md rule 12).
/// </summary>
internal static class DevCommands
{
    public const string PublicKeyFileName = "development-issuer-public.pem";

    public static Command Create(CliContext context)
    {
        var command = new Command("dev", "Development keys, tokens and certificates (never for production)");
        var issuer = new Command("issuer", "A development nation key");
        issuer.Add(IssuerCreate(context));
        command.Add(issuer);
        command.Add(Token(context));
        command.Add(DevCertificateCommands.Ca(context));
        command.Add(DevCertificateCommands.NodeCertificate(context));
        return command;
    }

    private static Command IssuerCreate(CliContext context)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where the key is kept (made 0700; the key file 0600); an existing key is reused" };
        var name = IssuerNameOption();
        var command = new Command("create", "Make (or open) a development issuer key; print its issuer name and key files") { directory, name };
        CommandAction.Bind(command, context, action =>
        {
            using var issuer = Open(action.Value(directory).FullName, action.Value(name));
            // The public half beside the key, for a service's Identity:...:PublicKeyFile.
            var publicKeyFile = Path.Combine(action.Value(directory).FullName, PublicKeyFileName);
            File.WriteAllText(publicKeyFile, issuer.PublicKeyPem);
            if (action.Output.Json)
            {
                action.Output.Line(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["issuer"] = issuer.Issuer,
                    ["keyFile"] = issuer.KeyFile,
                    ["publicKeyFile"] = publicKeyFile,
                    ["publicKeyPem"] = issuer.PublicKeyPem,
                }));
            }
            else
            {
                action.Output.Line($"issuer: {issuer.Issuer}");
                action.Output.Line($"private key: {issuer.KeyFile}");
                action.Output.Line($"public key: {publicKeyFile}");
                action.Output.Line(issuer.PublicKeyPem.TrimEnd());
            }
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Token(CliContext context)
    {
        var directory = new Option<DirectoryInfo>("--issuer-dir") { Description = "The issuer's directory (dev issuer create)", HelpName = "DIR", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "admin, analyst, partner:JPN, node:NLD:n1, service:federation (repeat for several)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var subject = new Option<string?>("--subject") { Description = "The caller's name (default: dev-<role>)" };
        var lifetime = new Option<string>("--lifetime") { Description = "How long it is valid: 90s, 30m, 1h, 1d", DefaultValueFactory = _ => "1h" };
        var audience = new Option<string>("--audience") { Description = "The services' Identity:Audience", DefaultValueFactory = _ => "cyberpledge" };
        var name = IssuerNameOption();
        var command = new Command("token", "Print a token signed by a development issuer") { directory, roles, subject, lifetime, audience, name };
        CommandAction.Bind(command, context, action =>
        {
            var granted = action.Value(roles);
            foreach (var role in granted.Where(r => !Roles.IsWellFormed(r)))
            {
                throw new UsageException($"--role: '{role}' is not a role (admin, analyst, partner:JPN, node:NLD:n1, service:name)");
            }
            if (!DurationText.TryParse(action.Value(lifetime), out var span) || span <= TimeSpan.Zero)
            {
                throw new UsageException($"--lifetime: '{action.Value(lifetime)}' is not a duration such as 90s, 30m, 1h or 1d");
            }
            using var issuer = Open(action.Value(directory).FullName, action.Value(name));
            var token = issuer.Minter.Mint(action.Value(subject) ?? "dev-" + granted[0].Replace(':', '-'), granted, action.Value(audience), span);
            action.Output.Line(action.Output.Json ? JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token }) : token);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Option<string> IssuerNameOption() => new("--issuer")
    {
        Description = "The issuer name (iss) services are told to trust",
        DefaultValueFactory = _ => DevelopmentIssuer.DefaultIssuerName,
    };

    // These commands are development by definition; the issuer's own check is for hosts that might not be.
    private static DevelopmentIssuer Open(string directory, string issuer) =>
        DevelopmentIssuer.Open(directory, "cyberpledge", new DevelopmentEnvironment(), issuer);

    private sealed class DevelopmentEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "cyberpledge";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
