using CyberPledge.ServiceDefaults;

namespace CyberPledge.Federation.Hosting;

/// <summary>What the standalone process tells ServiceDefaults: its name, address, health name and switches.</summary>
public static class FederationService
{
    /// <summary>Where the standalone process listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5182";

    /// <summary>The Federation service as ServiceDefaults runs it.</summary>
    public static readonly ServiceDescription Description = new(
        "federation",
        "links between national nodes: this node's feed served to peers by agreement, peers' feeds applied (gRPC cyberpledge.v1.Federation)",
        DefaultUrl,
        "cyberpledge.v1.Federation",
        [
            new("--data-dir", "Federation:DataDirectory", "DIR", "SQLite store (default: ~/.local/share/cyberpledge/federation)"),
            new("--store", "Federation:Store", "KIND", "sqlite (default) or postgres"),
            new("--postgres", "Federation:PostgresConnectionString", "CONNSTR", "the PostgreSQL connection string, with --store postgres"),
            new("--indicators", "Federation:IndicatorsAddress", "URL", $"the node's Indicators service (default: {FederationOptions.DefaultIndicatorsAddress})"),
            new("--partners", "Federation:PartnersAddress", "URL", $"the node's Partners service (default: {FederationOptions.DefaultPartnersAddress})"),
            new("--internal-key", "Federation:InternalKeyFile", "FILE", "the node's internal issuer private key (PKCS#8 PEM)"),
            new("--internal-issuer", "Federation:InternalIssuer", "NAME", "the internal issuer's name, as the services trust it"),
            new("--cert", "Federation:CertificateFile", "FILE", "the node certificate links present to peers (PEM)"),
            new("--key", "Federation:KeyFile", "FILE", "its private key (PKCS#8 PEM)"),
        ]);
}
