namespace CyberPledge.ServiceDefaults.Telemetry;

/// <summary>
/// The project's telemetry names: every library and service names its <see cref="System.Diagnostics.ActivitySource"/>
/// and <see cref="System.Diagnostics.Metrics.Meter"/> under <see cref="Prefix"/> (CyberPledge.Rpc, CyberPledge.Storage,
/// CyberPledge.Indicators, ...), and the exporter takes everything under it.
/// </summary>
public static class ServiceTelemetry
{
    /// <summary>The prefix of every ActivitySource and Meter of the project.</summary>
    public const string Prefix = "CyberPledge";

    /// <summary>The source and meter of the gRPC calls a service serves.</summary>
    public const string RpcName = Prefix + ".Rpc";
}
