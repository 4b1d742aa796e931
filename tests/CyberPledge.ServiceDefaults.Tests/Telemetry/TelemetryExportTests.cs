using System.Collections.Concurrent;
using System.Text;
using CyberPledge.ServiceDefaults.Tests.Support;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CyberPledge.ServiceDefaults.Tests.Telemetry;

/// <summary>Metrics and traces reach an OTLP receiver (HTTP/protobuf, as a collector's port 4318 takes them).</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Calls_WithOtlpEndpoint_ReceiverGetsTheSpanAndTheCallMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var host = await DefaultsHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = receiver.Address.ToString(),
            ["Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Telemetry:MetricExportInterval"] = "00:00:00.200",
        }))
        {
            var client = new TestService.TestServiceClient(host.Channel);
            for (var i = 0; i < 3; i++)
            {
                await client.UnaryCallAsync(new SimpleRequest());
            }

            await receiver.WaitForAsync("/v1/metrics", "rpc.server.calls", TimeSpan.FromSeconds(15));
        }

        // Spans are batched; disposing the host flushes them.
        var traces = await receiver.WaitForAsync("/v1/traces", "grpc.testing.TestService/UnaryCall", TimeSpan.FromSeconds(15));
        Assert.Contains("testsvc", traces, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadOtlpEndpoint_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => DefaultsHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "collector:4317" }));

        Assert.Contains("Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        private OtlpReceiver(WebApplication app) => _app = app;

        public Uri Address => new(_app.Urls.First());

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new OtlpReceiver(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver._received.Enqueue((context.Request.Path.Value!, body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return receiver;
        }

        /// <summary>Waits for a body posted to <paramref name="path"/> that carries <paramref name="text"/> (protobuf keeps strings as UTF-8).</summary>
        public async Task<string> WaitForAsync(string path, string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                foreach (var (receivedPath, body) in _received)
                {
                    var decoded = Encoding.UTF8.GetString(body);
                    if (receivedPath == path && decoded.Contains(text, StringComparison.Ordinal))
                    {
                        return decoded;
                    }
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"no {path} export carrying \"{text}\" within {timeout}; got {_received.Count} exports to {string.Join(", ", _received.Select(r => r.Path).Distinct())}");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
