using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CyberPledge.Cli.Commands;

namespace CyberPledge.Cli.Connection;

/// <summary>
/// A connection file as AppHost writes it (docs/apphost.md): per node its gateway, its nation's CA certificate and
/// development tokens per role. <c>--node NLD</c> takes the gateway as the address of every service, trusts that CA
/// (and no other) for it, and the token of <c>--role</c>.
/// </summary>
internal static class ConnectionFiles
{
    /// <summary>The environment variable naming the connection file when <c>--connection</c> is not given.</summary>
    public const string Variable = "CYBERPLEDGE_CONNECTION";

    /// <summary>Where AppHost writes it by default, from the directory it was started in.</summary>
    public const string DefaultPath = ".run/connection.json";

    /// <summary>What <c>--node</c> takes from the file.</summary>
    public sealed record NodeEntry(Uri Gateway, X509Certificate2 Ca, string? Token);

    /// <summary>Reads <paramref name="nation"/>'s entry and the token for <paramref name="role"/> (null when the file has none for it).</summary>
    /// <exception cref="CliException">The file is missing or malformed, or does not list the node.</exception>
    public static NodeEntry Read(string path, string nation, string role)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"--node: the connection file {path}: {e.Message} (start the federation with `dotnet run --project AppHost`, or give --connection)", e);
        }

        using (document)
        {
            var code = nation.Trim().ToUpperInvariant();
            if (!document.RootElement.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"--node: {path} is not a connection file (no \"nodes\")");
            }
            if (!nodes.TryGetProperty(code, out var node))
            {
                var known = string.Join(", ", nodes.EnumerateObject().Select(p => p.Name));
                throw new UsageException($"--node: {path} has no node {code} (it has {known})");
            }
            var gatewayText = Text(node, "gateway", path, code);
            if (!Uri.TryCreate(gatewayText, UriKind.Absolute, out var gateway) || gateway.Scheme != Uri.UriSchemeHttps)
            {
                throw new CliException($"--node: {path}: {code}.gateway '{gatewayText}' is not an https:// address");
            }
            X509Certificate2 ca;
            try
            {
                ca = X509Certificate2.CreateFromPem(Text(node, "caCertificatePem", path, code));
            }
            catch (CryptographicException e)
            {
                throw new CliException($"--node: {path}: {code}.caCertificatePem is not a PEM certificate", e);
            }
            string? token = null;
            if (node.TryGetProperty("tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Object
                && tokens.TryGetProperty(role, out var value) && value.ValueKind == JsonValueKind.String)
            {
                token = value.GetString();
            }
            return new NodeEntry(gateway, ca, token);
        }
    }

    private static string Text(JsonElement node, string property, string path, string nation) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CliException($"--node: {path}: {nation}.{property} is missing");
}
