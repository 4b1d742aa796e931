using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Indicators.Validation;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests;

/// <summary>Import (SECURITY.md rule 2): imported STIX objects keyed by (source, STIX id), signed with their provenance.</summary>
public sealed class IndicatorLedgerImportTests : IAsyncLifetime
{
    private const string Source = "taxii-connector:partner-feed";
    private const string StixId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    private static readonly DateTimeOffset StixCreated = new(2025, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly LedgerHarness _harness = new();

    private IndicatorLedger Ledger => _harness.Ledger;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    internal static ImportItem Item(string value = "c2.evil.example", int modifiedDays = 0, string source = Source, string stixId = StixId) => new()
    {
        Source = source,
        StixId = stixId,
        StixCreated = Timestamp.FromDateTimeOffset(StixCreated),
        StixModified = Timestamp.FromDateTimeOffset(StixCreated.AddDays(modifiedDays)),
        Indicator = TestIndicators.Domain(value).With(s => s.Distribution = new Distribution { MayReshare = true, HopLimit = 3 }),
    };

    private async Task<ImportResult> ImportOneAsync(ImportItem item) =>
        Assert.Single((await Ledger.ImportAsync(new ImportRequest { Items = { item } }, CancellationToken.None)).Results);

    private Task<Indicator> GetAsync(string id) => Ledger.GetAsync(new GetRequest { Id = id }, CancellationToken.None);

    [Fact]
    public async Task Import_NewObject_IsCreatedSignedV3WithItsProvenanceAndNotReshareable()
    {
        var result = await ImportOneAsync(Item());

        Assert.Equal(ImportOutcome.Created, result.Outcome);
        Assert.Equal(0, result.StatusCode);
        Assert.Equal(1ul, result.Version);
        var stored = await GetAsync(result.Id);
        Assert.Equal(CanonicalEncoding.V3, stored.Encoding);
        Assert.Equal(new ImportProvenance { Source = Source, StixId = StixId, StixModified = Timestamp.FromDateTimeOffset(StixCreated) }, stored.Imported);
        Assert.Equal(Timestamp.FromDateTimeOffset(StixCreated), stored.Created);
        Assert.Equal("XX", stored.Origin.Nation);
        Assert.Equal(new Distribution(), stored.Distribution);
        Assert.Equal("c2.evil.example", stored.Value);
        Assert.True(_harness.Verifier.Verify(stored, _harness.PublicKey).IsValid);
    }

    [Fact]
    public async Task Import_SameObjectAgain_IsUnchanged()
    {
        var first = await ImportOneAsync(Item());

        var again = await ImportOneAsync(Item());

        Assert.Equal(ImportOutcome.Unchanged, again.Outcome);
        Assert.Equal((first.Id, first.Version, first.Sequence), (again.Id, again.Version, again.Sequence));
    }

    [Fact]
    public async Task Import_NewerModified_IsUpdatedAndAnOlderOneIgnored()
    {
        var first = await ImportOneAsync(Item(modifiedDays: 1));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var newer = await ImportOneAsync(Item(modifiedDays: 2).With(i => i.Indicator.Confidence = 90));
        var older = await ImportOneAsync(Item(modifiedDays: 0));

        Assert.Equal(ImportOutcome.Updated, newer.Outcome);
        Assert.Equal((first.Id, 2ul), (newer.Id, newer.Version));
        Assert.Equal(ImportOutcome.Unchanged, older.Outcome);
        Assert.Equal(2ul, older.Version);
        var stored = await GetAsync(first.Id);
        Assert.Equal(90u, stored.Confidence);
        Assert.Equal(Timestamp.FromDateTimeOffset(StixCreated.AddDays(2)), stored.Imported.StixModified);
        Assert.Equal(Timestamp.FromDateTimeOffset(StixCreated), stored.Created);
    }

    [Fact]
    public async Task Import_SameStixIdFromAnotherSource_IsAnotherIndicator()
    {
        var first = await ImportOneAsync(Item());

        var other = await ImportOneAsync(Item(source: "taxii-post:collection-1:alice"));

        Assert.Equal(ImportOutcome.Created, other.Outcome);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task Import_IdIsDerivedFromSourceAndStixId()
    {
        var result = await ImportOneAsync(Item(stixId: StixId.ToUpperInvariant().Replace("INDICATOR", "indicator", StringComparison.Ordinal)));

        Assert.Equal(IndicatorIds.FromImport(Source, StixId), result.Id);
        Assert.Equal(StixId, (await GetAsync(result.Id)).Imported.StixId);
    }

    [Fact]
    public async Task Import_ValueChanges_IsRejectedAndNothingStored()
    {
        var first = await ImportOneAsync(Item());

        var changed = await ImportOneAsync(Item("other.evil.example", modifiedDays: 1));

        Assert.Equal(ImportOutcome.Rejected, changed.Outcome);
        Assert.Equal((int)StatusCode.InvalidArgument, changed.StatusCode);
        Assert.StartsWith("indicator.value: ", changed.Error, StringComparison.Ordinal);
        Assert.Equal(1ul, (await GetAsync(first.Id)).Version);
    }

    public static TheoryData<string, string> InvalidItems() => new()
    {
        { "source", "source: required" },
        { "long-source", "source: at most 512 characters" },
        { "stix_id", "stix_id: not a STIX identifier (type--UUID)" },
        { "stix_modified", "stix_modified: required" },
        { "stix_created", "stix_created: required" },
        { "indicator", "indicator: required" },
        { "indicator.id", "indicator.id: must be empty: the id derives from source and stix_id" },
        { "indicator.value", "indicator.value: " },
        { "indicator.tlp", "indicator.tlp: required (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Import_InvalidField_IsRejectedNamingTheFieldAndTheValidOnesStored(string field, string error)
    {
        var invalid = Item("bad.example");
        Action<ImportItem> spoil = field switch
        {
            "source" => i => i.Source = "",
            "long-source" => i => i.Source = new string('s', 513),
            "stix_id" => i => i.StixId = "indicator-8e2e2d2b",
            "stix_modified" => i => i.StixModified = null,
            "stix_created" => i => i.StixCreated = null,
            "indicator" => i => i.Indicator = null,
            "indicator.id" => i => i.Indicator.Id = "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10",
            "indicator.value" => i => i.Indicator.Value = "not a domain!",
            _ => i => i.Indicator.Tlp = Tlp.Unspecified,
        };
        spoil(invalid);
        var valid = Item(stixId: "indicator--11111111-2222-4333-8444-555555555555");

        var response = await Ledger.ImportAsync(new ImportRequest { Items = { invalid, valid } }, CancellationToken.None);

        Assert.Equal(ImportOutcome.Rejected, response.Results[0].Outcome);
        Assert.Equal((int)StatusCode.InvalidArgument, response.Results[0].StatusCode);
        Assert.StartsWith(error, response.Results[0].Error, StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Created, response.Results[1].Outcome);
        Assert.Equal(1ul, response.Results[1].Sequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Import_BatchSizeOutOfRange_IsInvalidArgument(int count)
    {
        var request = new ImportRequest();
        request.Items.Add(Enumerable.Range(0, count).Select(_ => Item()));

        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.ImportAsync(request, CancellationToken.None));

        Assert.Equal("items: 1-1000 items per request", error.Message);
    }

    [Fact]
    public async Task Import_PublicResolver_IsStoredFlagged()
    {
        var item = Item().With(i => i.Indicator = TestIndicators.Ipv4(0).With(s => s.Value = "8.8.8.8"));

        var result = await ImportOneAsync(item);

        Assert.Equal(ImportOutcome.Created, result.Outcome);
        var flag = (await GetAsync(result.Id)).Warning;
        Assert.Equal(WarningState.Unconfirmed, flag.State);
        Assert.Contains(flag.Matches, m => m.List == "public-dns-resolvers");
    }

    [Fact]
    public async Task Import_Revoked_IsStoredRevoked()
    {
        await ImportOneAsync(Item());

        var revoked = await ImportOneAsync(Item(modifiedDays: 1).With(i => i.Revoked = true));

        Assert.Equal(ImportOutcome.Updated, revoked.Outcome);
        Assert.True((await GetAsync(revoked.Id)).Revoked);
    }

    [Fact]
    public async Task Import_SameObjectTwiceInOneBatch_SecondBuildsOnTheFirst()
    {
        var response = await Ledger.ImportAsync(new ImportRequest { Items = { Item(), Item(modifiedDays: 1) } }, CancellationToken.None);

        Assert.Equal([ImportOutcome.Created, ImportOutcome.Updated], response.Results.Select(r => r.Outcome));
        Assert.Equal(2ul, response.Results[1].Version);
    }

    [Fact]
    public async Task Submit_SameValueAsAnImport_IsAnotherIndicatorAndNeverAVersionOfTheImport()
    {
        var imported = await ImportOneAsync(Item());

        var submitted = await _harness.SubmitOneAsync(TestIndicators.Domain("c2.evil.example"));
        var again = await _harness.SubmitOneAsync(TestIndicators.Domain("c2.evil.example"));

        Assert.Equal(SubmitOutcome.Created, submitted.Outcome);
        Assert.NotEqual(imported.Id, submitted.Id);
        Assert.Equal((SubmitOutcome.Unchanged, submitted.Id), (again.Outcome, again.Id));
        Assert.NotNull((await GetAsync(imported.Id)).Imported);
        Assert.Null((await GetAsync(submitted.Id)).Imported);
    }

    [Fact]
    public async Task Submit_ById_OfAnImport_IsFailedPrecondition()
    {
        var imported = await ImportOneAsync(Item());

        var result = await _harness.SubmitOneAsync(TestIndicators.Domain("c2.evil.example").With(s => s.Id = imported.Id));

        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Equal((int)StatusCode.FailedPrecondition, result.StatusCode);
    }

    [Fact]
    public async Task Import_DerivedIdHeldByAnotherNodesIndicator_IsRejectedAndLeavesItAlone()
    {
        // Only a hash collision could make a derived id meet another indicator: simulate one with a foreign version.
        using var france = new ForeignOrigin();
        var foreign = Testing.ForeignVersions.Unsigned();
        foreign.Id = IndicatorIds.FromImport(Source, StixId);
        var signed = france.Sign(foreign);
        await Ledger.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = signed, OriginPublicKey = france.PublicKey }, CancellationToken.None);

        var result = await ImportOneAsync(Item());

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.Equal((int)StatusCode.FailedPrecondition, result.StatusCode);
        Assert.Equal("stix_id: its derived id is taken by another indicator", result.Error);
        Assert.Equal(signed.Value, (await GetAsync(foreign.Id)).Value);
        Assert.Null((await GetAsync(foreign.Id)).Imported);
    }
}
