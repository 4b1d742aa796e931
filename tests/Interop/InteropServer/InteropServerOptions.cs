using CyberPledge.InteropServer.Shared;

namespace CyberPledge.InteropServer;

/// <summary>The server's flags: those of the interop test description, plus an optional certificate.</summary>
public sealed record InteropServerOptions
{
    private static readonly HashSet<string> KnownFlags = ["port", "use_tls", "tls_cert_file", "tls_key_file"];

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>HTTPS with ALPN h2 instead of cleartext HTTP/2.</summary>
    public bool UseTls { get; init; }

    /// <summary>A PEM certificate to serve with TLS (e.g. gRPC's server1.pem); without it one is generated at run time.</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>Reads <c>--port=N [--use_tls=true [--tls_cert_file=PEM --tls_key_file=PEM]]</c>.</summary>
    /// <exception cref="FormatException">A flag is malformed or out of range.</exception>
    public static InteropServerOptions Parse(IEnumerable<string> args, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var flags = CommandLineFlags.Parse(args, KnownFlags);
        foreach (var name in flags.Unknown)
        {
            warnings.WriteLine($"ignoring unknown flag --{name}");
        }
        var port = flags.GetInt32("port") ?? 0;
        if (port is < 0 or > 65535)
        {
            throw new FormatException($"--port={port}: expected 0 to 65535");
        }
        var options = new InteropServerOptions
        {
            Port = port,
            UseTls = flags.GetBoolean("use_tls"),
            TlsCertificateFile = flags.GetString("tls_cert_file"),
            TlsKeyFile = flags.GetString("tls_key_file"),
        };
        if ((options.TlsCertificateFile is null) != (options.TlsKeyFile is null))
        {
            throw new FormatException("--tls_cert_file and --tls_key_file go together");
        }
        return options;
    }
}
