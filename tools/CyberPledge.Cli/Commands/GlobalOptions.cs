using System.CommandLine;
using CyberPledge.Cli.Connection;

namespace CyberPledge.Cli.Commands;

/// <summary>The options every command takes (recursive: they may follow the command's name).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Address { get; } = new("--address")
    {
        Description = $"The Indicators service's address [default: {ConnectionResolver.DefaultIndicatorsAddress}]",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Partners { get; } = new("--partners")
    {
        Description = $"The Partners service's address [default: {ConnectionResolver.DefaultPartnersAddress}]",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Federation { get; } = new("--federation")
    {
        Description = $"The Federation service's address [default: {ConnectionResolver.DefaultFederationAddress}]",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The bearer token (else --token-file, else ${CyberPledgeCli.TokenVariable})",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public Option<FileInfo?> TokenFile { get; } = new("--token-file")
    {
        Description = "A file holding the bearer token",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> Node { get; } = new("--node")
    {
        Description = "A node of the connection file (AppHost's): its gateway, CA and token for --role, e.g. NLD",
        HelpName = "NATION",
        Recursive = true,
    };

    public Option<FileInfo?> ConnectionFile { get; } = new("--connection")
    {
        Description = $"The connection file for --node [default: ${ConnectionFiles.Variable}, else {ConnectionFiles.DefaultPath}]",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> Role { get; } = new("--role")
    {
        Description = "Whose token of the connection file to use with --node: admin, analyst or partner:NATION [default: admin]",
        HelpName = "ROLE",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print protobuf JSON (one message per line) instead of tables",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Address);
        root.Add(Partners);
        root.Add(Federation);
        root.Add(Token);
        root.Add(TokenFile);
        root.Add(Node);
        root.Add(ConnectionFile);
        root.Add(Role);
        root.Add(Json);
    }
}
