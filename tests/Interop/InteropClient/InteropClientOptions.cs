using CyberPledge.InteropClient.Cases;
using CyberPledge.InteropServer.Shared;

namespace CyberPledge.InteropClient;

/// <summary>The client flags of the interop test description that apply here, plus <c>--ca_file</c>.</summary>
internal sealed record InteropClientOptions
{
    // Accepted and ignored: the cloud-to-prod cases that use them are not implemented here.
    private static readonly string[] IgnoredFlags = ["default_service_account", "oauth_scope", "service_account_key_file", "service_config_json"];

    private static readonly HashSet<string> KnownFlags =
        ["server_host", "server_host_override", "server_port", "test_case", "use_tls", "use_test_ca", "ca_file", .. IgnoredFlags];

    public const string Usage =
        "usage: --server_host=HOST --server_port=PORT --test_case=NAME|all " +
        "[--use_tls=true [--use_test_ca=true --ca_file=PEM] [--server_host_override=NAME]]";

    public required string ServerHost { get; init; }

    public required int ServerPort { get; init; }

    /// <summary>The name claimed in the :authority and for TLS; null for <see cref="ServerHost"/>.</summary>
    public string? ServerHostOverride { get; init; }

    public required string TestCase { get; init; }

    public bool UseTls { get; init; }

    /// <summary>Trust only the test CA (<see cref="CaFile"/>) instead of the platform's roots.</summary>
    public bool UseTestCa { get; init; }

    /// <summary>The PEM file of the test CA: gRPC's ca.pem, or the certificate our interop server exports.</summary>
    public string? CaFile { get; init; }

    /// <exception cref="FormatException">A flag is missing, malformed or inconsistent.</exception>
    public static InteropClientOptions Parse(IEnumerable<string> args, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var flags = CommandLineFlags.Parse(args, KnownFlags);
        foreach (var name in flags.Unknown)
        {
            warnings.WriteLine($"ignoring unknown flag --{name}");
        }
        var options = new InteropClientOptions
        {
            ServerHost = flags.GetString("server_host") ?? "localhost",
            ServerPort = flags.GetInt32("server_port") ?? throw new FormatException("--server_port is required"),
            ServerHostOverride = flags.GetString("server_host_override"),
            TestCase = flags.GetString("test_case") ?? throw new FormatException("--test_case is required"),
            UseTls = flags.GetBoolean("use_tls"),
            UseTestCa = flags.GetBoolean("use_test_ca"),
            CaFile = flags.GetString("ca_file"),
        };
        if (options.ServerPort is < 1 or > 65535)
        {
            throw new FormatException($"--server_port={options.ServerPort}: expected 1 to 65535");
        }
        if (InteropCaseCatalog.Select(options.TestCase).Count == 0)
        {
            throw new FormatException($"--test_case={options.TestCase}: unknown; one of {string.Join(", ", InteropCaseCatalog.Cases.Select(c => c.Name))}, all");
        }
        if (options.UseTestCa && options.CaFile is null)
        {
            // gRPC's ca.pem is not shipped with this project.
            throw new FormatException("--use_test_ca=true needs --ca_file=PEM");
        }
        return options;
    }
}
