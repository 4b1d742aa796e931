using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CyberPledge.ServiceDefaults.Telemetry;

/// <summary>
/// The OpenTelemetry SDK wired directly (its hosting package is not served here): a meter provider and a tracer
/// provider over every CyberPledge source, exporting over OTLP while an endpoint is configured. Disposing flushes.
/// </summary>
internal sealed class TelemetryExport : IDisposable
{
    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracer;

    public TelemetryExport(IOptions<TelemetryOptions> options, ServiceDescription service)
    {
        var settings = options.Value;
        if (settings.OtlpEndpoint.Length == 0)
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(service.Name);
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(ServiceTelemetry.Prefix + ".*")
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, settings, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
            })
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ServiceTelemetry.Prefix + ".*")
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
            .AddOtlpExporter(exporter => Configure(exporter, settings, "v1/traces"))
            .Build();
    }

    public bool IsExporting => _meters is not null;

    public void Dispose()
    {
        _tracer?.Dispose();
        _meters?.Dispose();
    }

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions settings, string signalPath)
    {
        var endpoint = new Uri(settings.OtlpEndpoint);
        if (settings.OtlpProtocol == TelemetryOptions.HttpProtobufProtocol)
        {
            // Set in code, the HTTP endpoint is used as given: the signal's path is the caller's to add.
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}
