using CyberPledge.ServiceDefaults;

namespace CyberPledge.Partners.Hosting;

/// <summary>What the standalone process tells ServiceDefaults: its name, address, health name and switches.</summary>
public static class PartnersService
{
    /// <summary>Where the standalone process listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5181";

    /// <summary>The Partners service as ServiceDefaults runs it.</summary>
    public static readonly ServiceDescription Description = new(
        "partners",
        "the node's peers, sharing agreements and their audit log (gRPC cyberpledge.v1.Partners)",
        DefaultUrl,
        "cyberpledge.v1.Partners",
        [
            new("--data-dir", "Partners:DataDirectory", "DIR", "SQLite store (default: ~/.local/share/cyberpledge/partners)"),
            new("--store", "Partners:Store", "KIND", "sqlite (default) or postgres"),
            new("--postgres", "Partners:PostgresConnectionString", "CONNSTR", "the PostgreSQL connection string, with --store postgres"),
            new("--indicators", "Partners:IndicatorsAddress", "URL", $"the node's Indicators service, for Preview and Explain (default: {PartnersOptions.DefaultIndicatorsAddress})"),
            new("--internal-key", "Partners:InternalKeyFile", "FILE", "the node's internal issuer private key (PKCS#8 PEM), for calls to Indicators"),
        ]);
}
