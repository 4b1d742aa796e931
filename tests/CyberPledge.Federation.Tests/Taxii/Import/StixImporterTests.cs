using System.Text.Json;
using CyberPledge.Federation.Taxii.Import;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Taxii.Import;

/// <summary>How STIX objects become Indicators' Import items and per-object outcomes (what a TAXII status reports).</summary>
public sealed class StixImporterTests
{
    private const string Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    private const string Source = "taxii-post:collection:user:alice";
    private readonly FakeImportIndicators _indicators = new();

    [Fact]
    public async Task ImportAsync_MixedObjects_OneOutcomePerObjectInOrder()
    {
        var objects = new[]
        {
            Indicator("indicator--11111111-1111-4111-8111-111111111111", "[ipv4-addr:value = '198.51.100.7']"),
            Json($$"""{"type":"marking-definition","spec_version":"2.1","id":"{{Green}}","created":"2022-10-01T00:00:00.000Z"}"""),
            Json("""{"type":"malware","spec_version":"2.1","id":"malware--22222222-2222-4222-8222-222222222222","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-02T00:00:00.000Z","name":"x","is_family":false}"""),
            Indicator("indicator--33333333-3333-4333-8333-333333333333", "[ipv4-addr:value = "),
            Json("[1, 2]"),
        };

        var outcomes = await Import(objects);

        Assert.Equal(5, outcomes.Count);
        Assert.Equal(new StixObjectOutcome("indicator--11111111-1111-4111-8111-111111111111", "2024-05-02T00:00:00.000Z", true, "created"), outcomes[0]);
        Assert.True(outcomes[1].Succeeded);
        Assert.StartsWith("known definition", outcomes[1].Message, StringComparison.Ordinal);
        Assert.Equal(("malware--22222222-2222-4222-8222-222222222222", "2024-01-02T00:00:00.000Z", false), (outcomes[2].Id, outcomes[2].Version, outcomes[2].Succeeded));
        Assert.Contains("unsupported type: malware", outcomes[2].Message, StringComparison.Ordinal);
        Assert.Equal(("indicator--33333333-3333-4333-8333-333333333333", false), (outcomes[3].Id, outcomes[3].Succeeded));
        Assert.False(string.IsNullOrEmpty(outcomes[3].Message));
        Assert.Equal((null, false), (outcomes[4].Id, outcomes[4].Succeeded));
        // Only the readable indicator reaches Indicators, in one call.
        var item = Assert.Single(Assert.Single(_indicators.Calls).Items);
        Assert.Equal(Source, item.Source);
        Assert.Equal("indicator--11111111-1111-4111-8111-111111111111", item.StixId);
        Assert.Equal(new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), item.StixModified.ToDateTime());
        Assert.Equal(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc), item.StixCreated.ToDateTime());
        Assert.False(item.Revoked);
        Assert.Equal((IndicatorType.Ipv4, "198.51.100.7", Tlp.Green), (item.Indicator.Type, item.Indicator.Value, item.Indicator.Tlp));
        Assert.Equal("", item.Indicator.Id);
    }

    [Fact]
    public async Task ImportAsync_SameThenNewerModified_UnchangedThenUpdated()
    {
        const string id = "indicator--11111111-1111-4111-8111-111111111111";
        await Import([Indicator(id, "[domain-name:value = 'evil.example']")]);

        var again = await Import([Indicator(id, "[domain-name:value = 'evil.example']")]);
        var newer = await Import([Indicator(id, "[domain-name:value = 'evil.example']", modified: "2024-06-01T00:00:00.000Z", revoked: true)]);

        Assert.Equal("unchanged", Assert.Single(again).Message);
        Assert.Equal(new StixObjectOutcome(id, "2024-06-01T00:00:00.000Z", true, "updated"), Assert.Single(newer));
        Assert.True(_indicators.Calls[^1].Items[0].Revoked);
    }

    [Fact]
    public async Task ImportAsync_IndicatorsRejectsAnItem_ThatOneFailsWithTheItemsError()
    {
        _indicators.Reject = item => item.Indicator.Value == "10.0.0.0/4" ? "indicator.value: CIDR prefix shorter than /8" : null;

        var outcomes = await Import([
            Indicator("indicator--11111111-1111-4111-8111-111111111111", "[ipv4-addr:value = '10.0.0.0/4']"),
            Indicator("indicator--22222222-2222-4222-8222-222222222222", "[ipv4-addr:value = '198.51.100.8']"),
        ]);

        Assert.Equal(new StixObjectOutcome("indicator--11111111-1111-4111-8111-111111111111", "2024-05-02T00:00:00.000Z", false, "indicator.value: CIDR prefix shorter than /8"), outcomes[0]);
        Assert.Equal("created", outcomes[1].Message);
    }

    [Fact]
    public async Task ImportAsync_MoreThanOneCallsWorth_ChunksOfAtMostMaxPerCall()
    {
        var objects = Enumerable.Range(0, StixImporter.MaxPerCall + 1)
            .Select(i => Indicator($"indicator--{i:D8}-1111-4111-8111-111111111111", $"[domain-name:value = 'host{i}.example']")).ToArray();

        var outcomes = await Import(objects);

        Assert.All(outcomes, outcome => Assert.Equal("created", outcome.Message));
        Assert.Equal([StixImporter.MaxPerCall, 1], _indicators.Calls.Select(c => c.Items.Count));
    }

    private Task<IReadOnlyList<StixObjectOutcome>> Import(IReadOnlyList<JsonElement> objects) =>
        new StixImporter(_indicators).ImportAsync(Source, objects, CancellationToken.None);

    private static JsonElement Indicator(string id, string pattern, string modified = "2024-05-02T00:00:00.000Z", bool revoked = false) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = id,
            ["created"] = "2024-05-01T00:00:00.000Z", ["modified"] = modified, ["valid_from"] = "2024-05-01T00:00:00.000Z",
            ["pattern_type"] = "stix", ["pattern"] = pattern, ["revoked"] = revoked, ["object_marking_refs"] = new[] { Green },
        });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
