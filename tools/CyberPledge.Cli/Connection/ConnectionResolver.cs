using System.CommandLine;
using CyberPledge.Cli.Commands;

namespace CyberPledge.Cli.Connection;

/// <summary>
/// Where the services are and who the caller is: from the global options, then a token file, then the environment.
/// The one place to add a connection file (<c>--node NLD</c>, written by the AppHost) when it arrives: it would supply
/// the defaults that the options here override.
/// </summary>
internal static class ConnectionResolver
{
    public const string DefaultIndicatorsAddress = "http://127.0.0.1:5180";
    public const string DefaultPartnersAddress = "http://127.0.0.1:5181";
    public const string DefaultFederationAddress = "http://127.0.0.1:5182";

    public static ServiceConnection Resolve(ParseResult parsed, GlobalOptions globals, CliSettings settings)
    {
        var indicators = Address(parsed.GetValue(globals.Address) ?? DefaultIndicatorsAddress, "--address");
        var partners = Address(parsed.GetValue(globals.Partners) ?? DefaultPartnersAddress, "--partners");
        var federation = Address(parsed.GetValue(globals.Federation) ?? DefaultFederationAddress, "--federation");
        return new ServiceConnection(indicators, partners, federation, Token(parsed, globals, settings));
    }

    private static Uri Address(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"{option}: '{text}' is not an http:// or https:// address");

    private static string? Token(ParseResult parsed, GlobalOptions globals, CliSettings settings)
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
        token ??= settings.GetEnvironmentVariable(CyberPledgeCli.TokenVariable);
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
