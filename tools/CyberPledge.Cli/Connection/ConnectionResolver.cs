using System.CommandLine;
using CyberPledge.Cli.Commands;

namespace CyberPledge.Cli.Connection;

/// <summary>
/// Where the services are and who the caller is: from the global options, then a token file, then with
/// <c>--node NLD</c> the connection file AppHost writes (the node's gateway for every service, its CA, the token of
/// <c>--role</c>), then the environment. An option given explicitly overrides what the connection file says.
/// </summary>
internal static class ConnectionResolver
{
    public const string DefaultIndicatorsAddress = "http://127.0.0.1:5180";
    public const string DefaultPartnersAddress = "http://127.0.0.1:5181";
    public const string DefaultFederationAddress = "http://127.0.0.1:5182";

    public static ServiceConnection Resolve(ParseResult parsed, GlobalOptions globals, CliSettings settings)
    {
        var node = Node(parsed, globals, settings);
        var gateway = node?.Gateway.ToString();
        var indicators = Address(parsed.GetValue(globals.Address) ?? gateway ?? DefaultIndicatorsAddress, "--address");
        var partners = Address(parsed.GetValue(globals.Partners) ?? gateway ?? DefaultPartnersAddress, "--partners");
        var federation = Address(parsed.GetValue(globals.Federation) ?? gateway ?? DefaultFederationAddress, "--federation");
        return new ServiceConnection(indicators, partners, federation, Token(parsed, globals, settings, node), node?.Ca);
    }

    private static ConnectionFiles.NodeEntry? Node(ParseResult parsed, GlobalOptions globals, CliSettings settings)
    {
        var nation = parsed.GetValue(globals.Node);
        var file = parsed.GetValue(globals.ConnectionFile)?.FullName;
        var role = parsed.GetValue(globals.Role);
        if (nation is null)
        {
            return file is not null || role is not null ? throw new UsageException("--connection and --role go with --node") : null;
        }
        var path = file ?? settings.GetEnvironmentVariable(ConnectionFiles.Variable) ?? ConnectionFiles.DefaultPath;
        var entry = ConnectionFiles.Read(path, nation, role ?? "admin");
        return entry.Token is null && role is not null
            ? throw new UsageException($"--role: the connection file has no {role} token for {nation.ToUpperInvariant()}")
            : entry;
    }

    private static Uri Address(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"{option}: '{text}' is not an http:// or https:// address");

    private static string? Token(ParseResult parsed, GlobalOptions globals, CliSettings settings, ConnectionFiles.NodeEntry? node)
    {
        var token = parsed.GetValue(globals.Token);
        var file = parsed.GetValue(globals.TokenFile);
        if (token is not null && file is not null)
        {
            throw new UsageException("--token and --token-file: give one, not both");
        }
        if (file is not null)
        {
            token = ReadTokenFile(file);
        }
        token ??= node?.Token ?? settings.GetEnvironmentVariable(CyberPledgeCli.TokenVariable);
        token = token?.Trim();
        return string.IsNullOrEmpty(token) ? null : token;
    }

    private static string ReadTokenFile(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--token-file: {e.Message}", e);
        }
    }
}
