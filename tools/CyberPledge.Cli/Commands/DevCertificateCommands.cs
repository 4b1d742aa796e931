using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// <c>dev ca create DIR --nation NLD</c> and <c>dev node-cert create DIR --ca CADIR --node n1 --host h</c>: a nation's
/// development CA and node certificates issued by it (DESIGN.md "Identities"). In production a nation brings its own CA.
/// </summary>
internal static class DevCertificateCommands
{
    public const string CaFileName = "ca.pem";
    public const string CaKeyFileName = "ca-key.pem";
    public const string NodeFileName = "node.pem";
    public const string NodeKeyFileName = "node-key.pem";

    // A few minutes back, so that a peer whose clock runs a little behind already accepts a certificate made now.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static Command Ca(CliContext context)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where the CA is kept (ca.pem, ca-key.pem 0600); an existing CA is reused" };
        var nation = new Option<string>("--nation") { Description = "The nation, ISO 3166-1 alpha-3 or alpha-2 (stored as alpha-3)", HelpName = "NATION", Required = true };
        var days = DaysOption(365);
        var create = new Command("create", "Make (or open) a nation's development CA; print its files and fingerprint") { directory, nation, days };
        CommandAction.Bind(create, context, action =>
        {
            var alpha3 = Nation(action.Value(nation));
            var validDays = Days(action.Value(days));
            var certificateFile = Path.Combine(action.Value(directory).FullName, CaFileName);
            var keyFile = Path.Combine(action.Value(directory).FullName, CaKeyFileName);
            using var ca = File.Exists(certificateFile) || File.Exists(keyFile)
                ? OpenCa(certificateFile, keyFile)
                : CreateCa(alpha3, validDays, certificateFile, keyFile);
            if (NodeCertificates.NationOf(ca) != alpha3)
            {
                throw new CliException($"{certificateFile}: already the CA of {NodeCertificates.NationOf(ca) ?? "no nation"}, not {alpha3}");
            }
            Print(action, ca, certificateFile, keyFile, extra: null);
            return Task.FromResult(ExitCodes.Success);
        });
        var command = new Command("ca", "A nation's development CA");
        command.Add(create);
        return command;
    }

    public static Command NodeCertificate(CliContext context)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where the node certificate goes (node.pem, node-key.pem 0600); replaced if present" };
        var caDirectory = new Option<DirectoryInfo>("--ca") { Description = "The CA's directory (dev ca create)", HelpName = "CADIR", Required = true };
        var node = new Option<string>("--node") { Description = "The node id, its CN: lower-case letters, digits, dots and hyphens", HelpName = "ID", Required = true };
        var hosts = new Option<string[]>("--host")
        {
            Description = "A host name or IP address of the node's gateway, in subjectAltName (repeat for several)",
            HelpName = "NAME",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var days = DaysOption(30);
        var create = new Command("create", "Issue a node certificate (server and client authentication) from a development CA") { directory, caDirectory, node, hosts, days };
        CommandAction.Bind(create, context, action =>
        {
            if (!Roles.IsNodeId(action.Value(node)))
            {
                throw new UsageException($"--node: '{action.Value(node)}' is not a node id (1-63 lower-case letters, digits, dots and hyphens, starting with a letter or digit)");
            }
            foreach (var host in action.Value(hosts).Where(h => !NodeCertificates.IsHostName(h)))
            {
                throw new UsageException($"--host: '{host}' is neither a DNS name nor an IP address");
            }
            var validDays = Days(action.Value(days));
            var caPath = action.Value(caDirectory).FullName;
            using var ca = OpenCa(Path.Combine(caPath, CaFileName), Path.Combine(caPath, CaKeyFileName));
            var nation = NodeCertificates.NationOf(ca) ?? throw new CliException($"{caPath}: the CA names no ISO 3166-1 alpha-3 nation in its O");
            var now = DateTimeOffset.UtcNow;
            if (now.AddDays(validDays) > ca.NotAfter)
            {
                throw new CliException($"{caPath}: the CA expires on {ca.NotAfter.ToUniversalTime():yyyy-MM-dd}, before a certificate valid for {validDays} days would (fewer --days, or a new CA)");
            }
            using var certificate = NodeCertificates.CreateNodeCertificate(ca, nation, action.Value(node), action.Value(hosts), now.Subtract(ClockSkew), now.AddDays(validDays));
            var certificateFile = Path.Combine(action.Value(directory).FullName, NodeFileName);
            var keyFile = Path.Combine(action.Value(directory).FullName, NodeKeyFileName);
            CertificateFiles.Write(certificate, certificateFile, keyFile);
            Print(action, certificate, certificateFile, keyFile, new() { ["node"] = action.Value(node), ["hosts"] = string.Join(",", action.Value(hosts)) });
            return Task.FromResult(ExitCodes.Success);
        });
        var command = new Command("node-cert", "A node certificate issued by a development CA");
        command.Add(create);
        return command;
    }

    private static X509Certificate2 CreateCa(string nation, int days, string certificateFile, string keyFile)
    {
        var now = DateTimeOffset.UtcNow;
        using var ca = NodeCertificates.CreateNationCa(nation, now.Subtract(ClockSkew), now.AddDays(days));
        CertificateFiles.Write(ca, certificateFile, keyFile);
        return OpenCa(certificateFile, keyFile);
    }

    private static X509Certificate2 OpenCa(string certificateFile, string keyFile)
    {
        foreach (var file in new[] { certificateFile, keyFile }.Where(f => !File.Exists(f)))
        {
            throw new CliException($"{file}: not found (a CA directory holds {CaFileName} and {CaKeyFileName}, made by dev ca create)");
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(keyFile) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
        {
            throw new CliException($"{keyFile}: the CA's key is open to other users (mode {Convert.ToString((int)File.GetUnixFileMode(keyFile), 8)}); expected 600");
        }
        return CertificateFiles.LoadWithKey(certificateFile, keyFile);
    }

    private static void Print(CommandAction action, X509Certificate2 certificate, string certificateFile, string keyFile, Dictionary<string, string>? extra)
    {
        var fields = new Dictionary<string, string>
        {
            ["nation"] = NodeCertificates.NationOf(certificate) ?? "",
            ["certificateFile"] = certificateFile,
            ["keyFile"] = keyFile,
            ["sha256"] = CertificateFiles.Sha256Fingerprint(certificate),
            ["notAfter"] = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in extra ?? [])
        {
            fields[name] = value;
        }
        if (action.Output.Json)
        {
            action.Output.Line(JsonSerializer.Serialize(fields));
            return;
        }
        action.Output.Line($"subject: {certificate.Subject}");
        action.Output.Line($"certificate: {certificateFile}");
        action.Output.Line($"private key: {keyFile}");
        action.Output.Line($"sha256: {fields["sha256"]}");
        action.Output.Line($"valid until: {fields["notAfter"]}");
    }

    private static Option<int> DaysOption(int defaultDays) => new("--days")
    {
        Description = $"How many days it is valid (default {defaultDays})",
        DefaultValueFactory = _ => defaultDays,
    };

    private static int Days(int days) => days is >= 1 and <= 3650 ? days : throw new UsageException($"--days: {days} is not between 1 and 3650");

    private static string Nation(string code) => NationCodes.TryNormalize(code, out var alpha3)
        ? alpha3
        : throw new UsageException($"--nation: '{code}' is not an ISO 3166-1 code in upper case (NLD, or NL)");
}
