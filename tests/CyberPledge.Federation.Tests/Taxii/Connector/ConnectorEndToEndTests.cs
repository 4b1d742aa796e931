using System.Diagnostics;
using System.Text.Json.Nodes;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Stix;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace CyberPledge.Federation.Tests.Taxii.Connector;

/// <summary>
/// The connector between real nodes (each its processes and gateway): Japan's node pulls the Netherlands' collection
/// over HTTPS, authenticated as a caller the Dutch gateway serves, and keeps what it pulled as imports; a restart of
/// its Federation resumes without new versions; objects it cannot represent, from a Python TAXII server, are listed
/// as failures.
/// </summary>
public sealed class ConnectorEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private TestFederation _nodes = null!;

    private TestNode Dutch => _nodes["NLD"];

    private TestNode Japanese => _nodes["JPN"];

    public async Task InitializeAsync() => _nodes = await TestFederation.StartAsync("NLD", "JPN");

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Pull_DutchCollectionIntoJapan_ImportsNotFederated_RestartResumesWithoutNewVersions()
    {
        await SubmitAsync("198.51.100.1", "198.51.100.2", "198.51.100.3");
        var token = Dutch.UserToken("jpn-connector", Roles.Analyst);
        var collections = await new PythonTaxiiClient(Dutch.Gateway.Address, Dutch.Identity.CaFile, token).GetAsync("/taxii2/api1/collections/");
        var collectionId = collections.Body!["collections"]!.AsArray().Single()!["id"]!.GetValue<string>();
        using var channel = Japanese.GatewayChannel();
        var admin = Admin(Japanese, channel);

        await admin.AddTaxiiSourceAsync(new AddTaxiiSourceRequest
        {
            Name = "nld",
            CollectionUrl = new Uri(Dutch.Gateway.Address, $"/taxii2/api1/collections/{collectionId}/").ToString(),
            BearerToken = token,
            CaCertificatePem = await File.ReadAllTextAsync(Dutch.Identity.CaFile),
            PollInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        });
        var imported = await ImportedAsync(Japanese, channel, 3);

        Assert.Equal(["198.51.100.1", "198.51.100.2", "198.51.100.3"], imported.Select(i => i.Value).Order());
        Assert.All(imported, i => Assert.Equal("taxii-connector:nld", i.Imported.Source));
        Assert.All(imported, i => Assert.False(i.Imported.Promoted));
        var before = await WaitForSourceAsync(admin, s => s.State == TaxiiSourceState.Idle && s.AddedAfter.Length > 0);

        await Japanese.RestartFederationAsync();
        await SubmitAsync("198.51.100.4");
        using var after = Japanese.GatewayChannel();
        var all = await ImportedAsync(Japanese, after, 4);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var settled = await ImportedAsync(Japanese, after, 4);

        Assert.Equal(4, settled.Count);
        Assert.Equal(4, settled.Select(i => (i.Imported.StixId, i.Version)).Distinct().Count());
        Assert.Equal("198.51.100.4", all.Except(imported).Single().Value);
        var source = await WaitForSourceAsync(Admin(Japanese, after), s => string.CompareOrdinal(s.AddedAfter, before.AddedAfter) > 0);
        Assert.Equal("", source.LastError);
    }

    [Fact]
    public async Task Pull_ObjectsTheNodeCannotRepresent_ListedAsFailures_TheValidOneImported()
    {
        await using var server = await PythonTaxiiServer.StartAsync(pageSize: 2);
        server.Add("2026-01-01T00:00:01.000000Z", Indicator(1, "[ipv4-addr:value = '203.0.113.7']"));
        server.Add("2026-01-01T00:00:02.000000Z", new JsonObject
        {
            ["type"] = "malware", ["spec_version"] = "2.1", ["id"] = "malware--00000000-0000-4000-8000-000000000002",
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z", ["name"] = "x", ["is_family"] = false,
        });
        server.Add("2026-01-01T00:00:03.000000Z", Indicator(3, "[ipv4-addr:value = "));
        using var channel = Japanese.GatewayChannel();
        var admin = Admin(Japanese, channel);

        await admin.AddTaxiiSourceAsync(new AddTaxiiSourceRequest
        {
            Name = "lab", CollectionUrl = server.CollectionUrl, BearerToken = PythonTaxiiServer.Token, CaCertificatePem = server.CaPem,
        });
        var source = await WaitForSourceAsync(admin, s => s.AddedAfter == "2026-01-01T00:00:03.000000Z");
        var failures = (await admin.ListTaxiiImportFailuresAsync(new ListTaxiiImportFailuresRequest { Source = "lab" })).Failures;
        var analystView = await NodeCalls.Links(Japanese, channel).ListTaxiiImportFailuresAsync(new ListTaxiiImportFailuresRequest { Source = "lab" });

        Assert.Equal((1UL, 2UL), (source.Imported, source.Failed));
        Assert.Equal(["indicator--00000000-0000-4000-8000-000000000003", "malware--00000000-0000-4000-8000-000000000002"], failures.Select(f => f.StixId));
        Assert.All(failures, f => Assert.NotEmpty(f.Reason));
        Assert.Equal(failures, analystView.Failures);
        Assert.Equal("203.0.113.7", (await ImportedAsync(Japanese, channel, 1)).Single().Value);
    }

    private static JsonObject Indicator(int i, string pattern) => new()
    {
        ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = $"indicator--00000000-0000-4000-8000-00000000000{i}",
        ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z", ["valid_from"] = "2026-01-01T00:00:00Z",
        ["pattern"] = pattern, ["pattern_type"] = "stix", ["object_marking_refs"] = new JsonArray(StixMarkings.MarkingId(Tlp.Green)),
    };

    private static V1.Federation.FederationClient Admin(TestNode node, GrpcChannel channel) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken("admin", Roles.Admin)));

    private async Task SubmitAsync(params string[] values)
    {
        using var channel = Dutch.GatewayChannel();
        foreach (var value in values)
        {
            var result = (await NodeCalls.Analyst(Dutch, channel).SubmitAsync(new SubmitRequest
            {
                Indicators = { new IndicatorSubmission { Type = IndicatorType.Ipv4, Value = value, Tlp = Tlp.Green, Confidence = 80, Severity = Severity.High } },
            })).Results.Single();
            Assert.True(result.Error.Length == 0, result.Error);
        }
    }

    /// <summary>The imported versions in the node's change feed, once there are at least <paramref name="count"/>.</summary>
    private static async Task<List<Indicator>> ImportedAsync(TestNode node, GrpcChannel channel, int count)
    {
        var versions = await NodeCalls.ReadFeedAsync(NodeCalls.Analyst(node, channel), read => read.Count(i => i.Imported is not null) >= count, Within);
        var imported = versions.Where(i => i.Imported is not null).ToList();
        Assert.True(imported.Count >= count, $"{imported.Count} imported versions, {count} expected");
        return imported;
    }

    private static async Task<TaxiiSource> WaitForSourceAsync(V1.Federation.FederationClient admin, Func<TaxiiSource, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var sources = (await admin.ListTaxiiSourcesAsync(new ListTaxiiSourcesRequest())).Sources;
            if (sources.FirstOrDefault(condition) is { } source)
            {
                return source;
            }

            if (watch.Elapsed > Within)
            {
                throw new TimeoutException($"no source got there: {sources}");
            }

            await Task.Delay(100);
        }
    }
}
