using CyberPledge.Testing;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests;

public sealed class IndicatorLedgerForeignTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();
    private readonly ForeignOrigin _france = new();

    private Task<ApplyForeignVersionResponse> ApplyAsync(Indicator version) =>
        _harness.Ledger.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = version, OriginPublicKey = _france.PublicKey }, CancellationToken.None);

    [Fact]
    public async Task ApplyForeignVersionAsync_SignedNewVersion_IsStoredAsSignedAndFed()
    {
        var version = _france.Sign(ForeignVersions.Unsigned());

        var response = await ApplyAsync(version);

        Assert.Equal(ApplyOutcome.Applied, response.Outcome);
        Assert.Equal(1ul, response.Sequence);
        var stored = await _harness.Ledger.GetAsync(new GetRequest { Id = version.Id }, CancellationToken.None);
        Assert.Equal(version, stored);
        Assert.True(_harness.Verifier.Verify(stored, _france.PublicKey.Span).IsValid);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_SameVersionTwice_SecondIsIgnored()
    {
        var version = _france.Sign(ForeignVersions.Unsigned());
        await ApplyAsync(version);

        var again = await ApplyAsync(version);

        Assert.Equal(ApplyOutcome.Ignored, again.Outcome);
        Assert.Equal(1ul, again.StoredVersion);
        Assert.Equal(1ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_OlderAfterNewer_IsIgnored()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned(version: 3)));

        var older = await ApplyAsync(_france.Sign(ForeignVersions.Unsigned(version: 2)));
        var newer = await ApplyAsync(_france.Sign(ForeignVersions.Unsigned(version: 5)));

        Assert.Equal(ApplyOutcome.Ignored, older.Outcome);
        Assert.Equal(3ul, older.StoredVersion);
        Assert.Equal(ApplyOutcome.Applied, newer.Outcome);
        Assert.Equal(5ul, (await _harness.Ledger.GetAsync(new GetRequest { Id = ForeignVersions.Unsigned().Id }, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_RedactedSensitiveFields_IsAccepted()
    {
        var version = _france.Sign(ForeignVersions.Unsigned());
        version.Sensitive = null;

        Assert.Equal(ApplyOutcome.Applied, (await ApplyAsync(version)).Outcome);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_AlteredAfterSigning_IsInvalidArgument()
    {
        var version = _france.Sign(ForeignVersions.Unsigned());
        version.Tlp = Tlp.Clear;

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(version));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith("indicator.signature: does not verify", error.Message, StringComparison.Ordinal);
        Assert.Equal(0ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_OwnOrigin_IsPermissionDenied()
    {
        var mine = _france.Sign(ForeignVersions.Unsigned(nation: "XX", node: "node-1"));

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(mine));

        Assert.Equal(IndicatorErrorKind.PermissionDenied, error.Kind);
        Assert.StartsWith("indicator.origin:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_IdOwnedByAnotherOrigin_IsPermissionDenied()
    {
        await ApplyAsync(_france.Sign(ForeignVersions.Unsigned()));
        using var germany = new ForeignOrigin();
        var hijack = germany.Sign(ForeignVersions.Unsigned(nation: "DE", node: "berlin", version: 9));

        var error = await Assert.ThrowsAsync<IndicatorException>(() => _harness.Ledger.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = hijack, OriginPublicKey = germany.PublicKey }, CancellationToken.None));

        Assert.Equal(IndicatorErrorKind.PermissionDenied, error.Kind);
    }

    [Fact]
    public async Task SubmitAsync_ByIdOfForeignIndicator_IsPermissionDenied()
    {
        var version = _france.Sign(ForeignVersions.Unsigned());
        await ApplyAsync(version);
        var change = new IndicatorSubmission { Id = version.Id, Type = version.Type, Value = version.Value, Tlp = Tlp.Red };

        var result = await _harness.SubmitOneAsync(change);

        Assert.Equal((int)StatusCode.PermissionDenied, result.StatusCode);
    }

    public static TheoryData<string, Action<Indicator>> Malformed => new()
    {
        { "indicator.id: not a lower-case UUID", i => i.Id = i.Id.ToUpperInvariant() },
        { "indicator.version: versions start at 1", i => i.Version = 0 },
        { "indicator.value: not in normal form", i => i.Value = i.Value.ToUpperInvariant() },
        { "indicator.origin.nation:", i => i.Origin.Nation = "france" },
        { "indicator: sectors, tags or kill_chain_phases not in normal form", i => { i.Sectors.Clear(); i.Sectors.Add([Sector.Healthcare, Sector.Energy]); } },
        { "indicator.tlp: required", i => i.Tlp = Tlp.Unspecified },
        { "indicator.distribution.may_reshare: TLP:RED", i => i.Tlp = Tlp.Red },
        { "indicator: created, modified and valid_from are required", i => i.Created = null },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task ApplyForeignVersionAsync_Malformed_IsInvalidArgumentNamingTheField(string message, Action<Indicator> spoil)
    {
        var version = ForeignVersions.Unsigned();
        spoil(version);
        _france.Sign(version);

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(version));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _france.Dispose();
    }
}
