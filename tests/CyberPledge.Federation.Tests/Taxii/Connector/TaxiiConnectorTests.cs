using System.Diagnostics;
using System.Text.Json.Nodes;
using CyberPledge.Federation.Storage;
using CyberPledge.Federation.Taxii;
using CyberPledge.Federation.Taxii.Connector;
using CyberPledge.Federation.Taxii.Import;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Federation.Tests.Taxii.Connector;

/// <summary>
/// The connector against a TAXII server written with Python's standard library over HTTPS: paging, the position kept
/// across a restart, failures listed, TLS and HTTP errors shown on the source, and removal stopping the poller.
/// </summary>
public sealed class TaxiiConnectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private readonly MemoryFederationStore _store = new();
    private readonly RecordingImporter _importer = new();
    private PythonTaxiiServer _server = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _server = await PythonTaxiiServer.StartAsync(pageSize: 2);
        for (var i = 1; i <= 4; i++)
        {
            _server.Add($"2026-01-01T00:00:0{i}.000000Z", Stix("indicator", i));
        }

        _server.Add("2026-01-01T00:00:05.000000Z", Stix("malware", 5));
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Pull_ThreePagesOverHttps_EachObjectOnce_MalwareListedAsFailure_RestartResumesFromThePosition()
    {
        var sources = await StartAsync();
        await sources.AddAsync(Request(), "alice (admin)", default);
        var source = await WaitForAsync(s => s.AddedAfter == "2026-01-01T00:00:05.000000Z" && s.State == TaxiiSourceState.Idle);

        Assert.Equal(Enumerable.Range(1, 5).Select(Id), _importer.ImportedIds());
        Assert.Equal((4UL, 1UL, "bearer", true), (source.Imported, source.Failed, source.Authentication, source.CustomCa));
        var failure = (await sources.FailuresAsync(new ListTaxiiImportFailuresRequest { Source = "nld" }, default)).Failures.Single();
        Assert.Equal(Id(5), failure.StixId);
        Assert.Contains("malware", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(_server.Requests(), r => r.Contains("next=2", StringComparison.Ordinal));

        await StopAsync();
        _server.Add("2026-01-01T00:00:06.000000Z", Stix("indicator", 6));
        var asked = _server.Requests().Length;
        await StartAsync();
        await WaitForAsync(s => s.AddedAfter == "2026-01-01T00:00:06.000000Z");

        Assert.Equal(Enumerable.Range(1, 6).Select(Id), _importer.ImportedIds());
        Assert.StartsWith("/api1/collections/c1/objects/?added_after=2026-01-01T00%3A00%3A05.000000Z&limit=500", _server.Requests()[asked], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WrongToken_SourceFailingWithTheServersTaxiiError_NothingImported()
    {
        var sources = await StartAsync();
        var request = Request();
        request.BearerToken = "not-the-token";
        await sources.AddAsync(request, "alice (admin)", default);

        var source = await WaitForAsync(s => s.State == TaxiiSourceState.Failing);

        Assert.Equal("HTTP 401 Unauthorized: Unauthorized: no valid token", source.LastError);
        Assert.Empty(_importer.Calls);
        Assert.Equal("", source.AddedAfter);
    }

    [Fact]
    public async Task Pull_ServerCertificateFromAnotherCa_SourceFailingWithTheTlsError()
    {
        using var directory = new CyberPledge.Testing.TemporaryDirectory();
        using var other = TestNation.Create("FRA", directory.Path);
        var sources = await StartAsync();
        var request = Request();
        request.CaCertificatePem = File.ReadAllText(other.CaFile);
        await sources.AddAsync(request, "alice (admin)", default);

        var source = await WaitForAsync(s => s.State == TaxiiSourceState.Failing);

        Assert.Contains("TLS", source.LastError, StringComparison.Ordinal);
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Remove_StopsThePoller_NoRequestAfterwards()
    {
        var sources = await StartAsync();
        var request = Request();
        request.PollInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1));
        await sources.AddAsync(request, "alice (admin)", default);
        await WaitForAsync(s => s.AddedAfter.Length > 0);

        await sources.RemoveAsync("nld", "alice (admin)", default);
        var asked = _server.Requests().Length;
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(asked, _server.Requests().Length);
        Assert.Empty((await sources.ListAsync(default)).Sources);
    }

    private static string Id(int i) => $"indicator--00000000-0000-4000-8000-00000000000{i}".Replace("indicator", i == 5 ? "malware" : "indicator", StringComparison.Ordinal);

    private static JsonObject Stix(string type, int i) => new()
    {
        ["type"] = type, ["spec_version"] = "2.1", ["id"] = Id(i), ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
    };

    private AddTaxiiSourceRequest Request() => new()
    {
        Name = "nld",
        CollectionUrl = _server.CollectionUrl,
        BearerToken = PythonTaxiiServer.Token,
        CaCertificatePem = _server.CaPem,
        PollInterval = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
    };

    /// <summary>The connector as the service composes it, on this test's store and importer; started.</summary>
    private async Task<TaxiiSources> StartAsync()
    {
        _services = new ServiceCollection()
            .AddSingleton<IFederationStore>(_store)
            .AddSingleton<IStixImporter>(_importer)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TaxiiCredentialSealer>()
            .AddSingleton<TaxiiSourcePoll>()
            .AddSingleton<TaxiiConnector>()
            .AddSingleton<TaxiiSources>()
            .AddSingleton<TaxiiAuditLog>()
            .AddSingleton<ITaxiiAuditSink>(new RecordingTaxiiAuditSink())
            .BuildServiceProvider();
        await _services.GetRequiredService<TaxiiConnector>().StartAsync(default);
        return _services.GetRequiredService<TaxiiSources>();
    }

    private async Task StopAsync()
    {
        if (_services is not null)
        {
            await _services.GetRequiredService<TaxiiConnector>().StopAsync(default);
            await _services.DisposeAsync();
            _services = null;
        }
    }

    private async Task<TaxiiSource> WaitForAsync(Func<TaxiiSource, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var source = (await _services!.GetRequiredService<TaxiiSources>().ListAsync(default)).Sources.SingleOrDefault();
            if (source is not null && condition(source))
            {
                return source;
            }

            if (watch.Elapsed > Within)
            {
                throw new TimeoutException($"the source did not get there: {source}");
            }

            await Task.Delay(50);
        }
    }
}
