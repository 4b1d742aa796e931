namespace CyberPledge.ServiceDefaults.Telemetry;

/// <summary>Where metrics and traces go (section "Telemetry"); nothing is exported while <see cref="OtlpEndpoint"/> is empty.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>OTLP over gRPC (the collector's port 4317).</summary>
    public const string GrpcProtocol = "grpc";

    /// <summary>OTLP over HTTP with protobuf bodies (the collector's port 4318; /v1/metrics and /v1/traces are appended).</summary>
    public const string HttpProtobufProtocol = "http/protobuf";

    /// <summary>The collector's base address, e.g. http://127.0.0.1:4317; empty: no export, and traces are not sampled.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><see cref="GrpcProtocol"/> (default) or <see cref="HttpProtobufProtocol"/>.</summary>
    public string OtlpProtocol { get; set; } = GrpcProtocol;

    /// <summary>How often metrics are exported.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(10);

    internal IEnumerable<string> Validate()
    {
        if (OtlpEndpoint.Length > 0
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return $"{SectionName}:OtlpEndpoint: \"{OtlpEndpoint}\" is not an http or https URL";
        }

        if (OtlpProtocol is not (GrpcProtocol or HttpProtobufProtocol))
        {
            yield return $"{SectionName}:OtlpProtocol: \"{OtlpProtocol}\" is neither \"{GrpcProtocol}\" nor \"{HttpProtobufProtocol}\"";
        }

        if (MetricExportInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{SectionName}:MetricExportInterval: must be at least 100 ms";
        }
    }
}
