using CyberPledge.ServiceDefaults;

namespace CyberPledge.Gateway.Hosting;

/// <summary>What the standalone process tells ServiceDefaults: its name, address, health name and switches.</summary>
public static class GatewayService
{
    /// <summary>Where the standalone process listens by default: HTTPS (HTTP/1.1 and HTTP/2) on loopback.</summary>
    public const string DefaultUrl = "https://127.0.0.1:8443";

    /// <summary>The gateway as ServiceDefaults runs it.</summary>
    public static readonly ServiceDescription Description = new(
        "gateway",
        "the node's one door: TLS, peer certificates, bearer tokens and rate limits in front of the node's services",
        DefaultUrl,
        "cyberpledge.v1.Gateway",
        [
            new("--cert", "Gateway:CertificateFile", "FILE", "the node certificate the gateway presents (PEM)"),
            new("--key", "Gateway:KeyFile", "FILE", "its private key (PKCS#8 PEM)"),
            new("--internal-key", "Gateway:InternalKeyFile", "FILE", "the node's internal issuer private key (PKCS#8 PEM)"),
            new("--internal-issuer", "Gateway:InternalIssuer", "NAME", "the internal issuer's name, as the services trust it"),
            new("--partners", "Gateway:Backends:Partners:Address", "URL", "the node's Partners service (default: http://127.0.0.1:5181)"),
            new("--indicators", "Gateway:Backends:Indicators:Address", "URL", "the node's Indicators service (default: http://127.0.0.1:5180)"),
            new("--federation", "Gateway:Backends:Federation:Address", "URL", "the node's Federation service (default: http://127.0.0.1:5182)"),
        ]);
}
