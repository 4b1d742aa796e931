using CyberPledge.Testing;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

public sealed class IndicatorLedgerRevokeTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();

    private IndicatorLedger Ledger => _harness.Ledger;

    [Fact]
    public async Task RevokeAsync_OwnIndicator_StoresSignedRevokedVersion()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("gone.example"));

        var revoked = await Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None);

        Assert.True(revoked.Revoked);
        Assert.Equal(2ul, revoked.Version);
        Assert.Equal("gone.example", revoked.Value);
        Assert.True(_harness.Verifier.Verify(revoked, _harness.PublicKey).IsValid);
        Assert.Equal(revoked, await Ledger.GetAsync(new GetRequest { Id = created.Id }, CancellationToken.None));
        Assert.Equal(2ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task RevokeAsync_AlreadyRevoked_ChangesNothing()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("gone.example"));
        var first = await Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None);

        var second = await Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(2ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task RevokeAsync_RacingWithChanges_VersionsStayConsecutiveAndSigned()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("contested.example"));
        var tlps = new[] { Tlp.Amber, Tlp.Red, Tlp.Clear, Tlp.AmberStrict };

        var changes = tlps.Select(tlp => Task.Run(() => _harness.SubmitOneAsync(TestIndicators.Domain("contested.example", tlp))));
        var revocations = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None)));
        await Task.WhenAll([.. changes, .. revocations]);

        var latest = await Ledger.GetAsync(new GetRequest { Id = created.Id }, CancellationToken.None);
        for (var version = 1ul; version <= latest.Version; version++)
        {
            var stored = await Ledger.GetAsync(new GetRequest { Id = created.Id, Version = version }, CancellationToken.None);
            Assert.True(_harness.Verifier.Verify(stored, _harness.PublicKey).IsValid);
        }

        Assert.Equal(latest.Version, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.RevokeAsync(new RevokeRequest { Id = Guid.NewGuid().ToString() }, CancellationToken.None));
        Assert.Equal(IndicatorErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("", "id: required")]
    [InlineData("abc", "id: not a UUID")]
    public async Task RevokeAsync_BadId_IsInvalidArgument(string id, string message)
    {
        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.RevokeAsync(new RevokeRequest { Id = id }, CancellationToken.None));
        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task RevokeAsync_ForeignIndicator_IsPermissionDenied()
    {
        using var france = new ForeignOrigin();
        var foreign = france.Sign(ForeignVersions.Unsigned());
        await Ledger.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = foreign, OriginPublicKey = france.PublicKey }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.RevokeAsync(new RevokeRequest { Id = foreign.Id }, CancellationToken.None));

        Assert.Equal(IndicatorErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("only its origin creates versions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_UnknownVersion_IsNotFound()
    {
        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("x.example"));
        var error = await Assert.ThrowsAsync<IndicatorException>(() => Ledger.GetAsync(new GetRequest { Id = created.Id, Version = 9 }, CancellationToken.None));
        Assert.Equal(IndicatorErrorKind.NotFound, error.Kind);
        Assert.Equal($"id: no version 9 of indicator {created.Id}", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
