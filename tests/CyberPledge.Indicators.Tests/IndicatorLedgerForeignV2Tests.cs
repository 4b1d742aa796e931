using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Indicators.Tests;

/// <summary>Canonical encoding v2 copies from other origins, full or redacted by a relay's agreement.</summary>
public sealed class IndicatorLedgerForeignV2Tests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();
    private readonly ForeignOrigin _france = new();

    private Task<ApplyForeignVersionResponse> ApplyAsync(Indicator version) =>
        _harness.Ledger.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = version, OriginPublicKey = _france.PublicKey }, CancellationToken.None);

    private static Indicator Unsigned(ulong version = 1) => ForeignVersions.Unsigned(version: version).With(v =>
        v.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = "execution" }));

    [Theory]
    [InlineData(RedactableFields.None)]
    [InlineData(RedactableFields.Description | RedactableFields.Tags | RedactableFields.InternalNotes)]
    [InlineData(RedactableFields.All)]
    public async Task ApplyForeignVersionAsync_V2Copy_IsVerifiedStoredAndReservedByteForByte(RedactableFields redactions)
    {
        var copy = IndicatorRedaction.Redact(_france.SignV2(Unsigned()), redactions);
        var received = copy.ToByteArray();

        var response = await _harness.Ledger.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = Indicator.Parser.ParseFrom(received), OriginPublicKey = _france.PublicKey }, CancellationToken.None);
        await _harness.RestartAsync();
        var got = await _harness.Ledger.GetAsync(new GetRequest { Id = copy.Id }, CancellationToken.None);
        var queried = await _harness.Ledger.QueryAsync(new QueryRequest(), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Applied, response.Outcome);
        Assert.Equal(Convert.ToHexString(received), Convert.ToHexString(got.ToByteArray()));
        Assert.Equal(Convert.ToHexString(received), Convert.ToHexString(Assert.Single(queried.Indicators).ToByteArray()));
        Assert.Equal(redactions, IndicatorRedaction.Redacted(got));
        Assert.Equal(copy.Commitments, got.Commitments);
        Assert.True(_harness.Verifier.Verify(got, _france.PublicKey.Span).IsValid);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_RedactedFieldPutBack_IsRefused()
    {
        // A relay cannot restore (or invent) a field it redacted: its salt is gone with it.
        var copy = IndicatorRedaction.Redact(_france.SignV2(Unsigned()), RedactableFields.Description);
        copy.Description = "loader";

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(copy));

        Assert.Equal("indicator.description: present without its salt (a redacted field is left out)", error.Message);
        Assert.Equal(0ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_V2RelayAudienceAltered_IsRefused()
    {
        var version = _france.SignV2(Unsigned());
        version.Distribution.RelayAudience.Nations.Add("KOR");

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(version));

        Assert.StartsWith("indicator.signature: does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_V2ReshareableWithoutAudience_IsInvalid()
    {
        // This node fills the defaults in before signing; an origin that did not leaves relays nothing to apply.
        var version = Unsigned();
        version.Distribution.RelayAudience = new RelayAudience();
        version.Distribution.MaxRelayTlp = Tlp.Green;
        var signed = _france.SignV2(version);

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(signed));

        Assert.Equal("indicator.distribution.relay_audience: required when may_reshare is true (canonical encoding v2)", error.Message);
    }

    [Fact]
    public async Task ApplyForeignVersionAsync_V1ThenV2OfOneIndicator_BothVerifyAsStored()
    {
        await ApplyAsync(_france.Sign(Unsigned(1)));
        await ApplyAsync(IndicatorRedaction.Redact(_france.SignV2(Unsigned(2)), RedactableFields.Tags));

        var first = await _harness.Ledger.GetAsync(new GetRequest { Id = ForeignVersions.Unsigned().Id, Version = 1 }, CancellationToken.None);
        var second = await _harness.Ledger.GetAsync(new GetRequest { Id = ForeignVersions.Unsigned().Id, Version = 2 }, CancellationToken.None);

        Assert.Equal(CanonicalEncoding.V1, first.Encoding);
        Assert.Equal(CanonicalEncoding.V2, second.Encoding);
        Assert.True(_harness.Verifier.Verify(first, _france.PublicKey.Span).IsValid);
        Assert.True(_harness.Verifier.Verify(second, _france.PublicKey.Span).IsValid);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _france.Dispose();
    }
}
