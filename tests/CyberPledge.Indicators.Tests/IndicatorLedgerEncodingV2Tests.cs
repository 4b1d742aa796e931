using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests;

/// <summary>New versions are signed with canonical encoding v2: per-field salts stored and served, the distribution and exercise marker signed.</summary>
public sealed class IndicatorLedgerEncodingV2Tests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();

    private IndicatorLedger Ledger => _harness.Ledger;

    private static IndicatorSubmission Full() => TestIndicators.Domain("full.example").With(s =>
    {
        s.Tags.Add("phishing");
        s.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = "initial-access" });
        s.Distribution = new Distribution { MayReshare = true, HopLimit = 2 };
    });

    private Task<Indicator> GetAsync(string id) => Ledger.GetAsync(new GetRequest { Id = id }, CancellationToken.None);

    [Fact]
    public async Task SubmitAsync_NewIndicator_IsV2WithEveryFieldsSaltStoredAndServed()
    {
        var result = await _harness.SubmitOneAsync(Full());
        var served = await GetAsync(result.Id);
        await _harness.RestartAsync();
        var stored = await GetAsync(result.Id);

        Assert.Equal(served, stored);
        Assert.Equal(CanonicalEncoding.V2, stored.Encoding);
        Assert.True(stored.SensitiveDigest.IsEmpty);
        Assert.True(stored.Sensitive.Salt.IsEmpty);
        Assert.Equal(RedactableFields.None, IndicatorRedaction.Redacted(stored));
        var salts = new[] { stored.Commitments.ReportingOrganisation, stored.Commitments.InternalNotes, stored.Commitments.Description, stored.Commitments.Tags, stored.Commitments.KillChainPhases }
            .Select(c => c.Salt).ToArray();
        Assert.All(salts, salt => Assert.Equal(16, salt.Length));
        Assert.Equal(5, salts.Distinct().Count());
        Assert.True(_harness.Verifier.Verify(stored, _harness.PublicKey).IsValid);
    }

    [Fact]
    public async Task SubmitAsync_ReshareableWithoutAudience_SignsTheDefaults()
    {
        var result = await _harness.SubmitOneAsync(Full());

        var stored = await GetAsync(result.Id);

        Assert.Equal([Tier.Ally, Tier.Partner], stored.Distribution.RelayAudience.Tiers);
        Assert.Empty(stored.Distribution.RelayAudience.Nations);
        Assert.Equal(Tlp.Amber, stored.Distribution.MaxRelayTlp);
        Assert.False(stored.Exercise);
    }

    [Fact]
    public async Task SubmitAsync_NotReshareable_HasNoAudienceAndNoRelayTlp()
    {
        var result = await _harness.SubmitOneAsync(TestIndicators.Domain("own.example"));

        var stored = await GetAsync(result.Id);

        Assert.False(stored.Distribution.MayReshare);
        Assert.Null(stored.Distribution.RelayAudience);
        Assert.Equal(Tlp.Unspecified, stored.Distribution.MaxRelayTlp);
    }

    [Fact]
    public async Task SubmitAsync_AudienceAndExercise_AreNormalizedSignedAndBindTheSignature()
    {
        var submission = Full().With(s =>
        {
            s.Exercise = true;
            s.Distribution.RelayAudience = new RelayAudience { Tiers = { Tier.Ally, Tier.Ally }, Nations = { "KOR", "JP", "JPN" } };
            s.Distribution.MaxRelayTlp = Tlp.Green;
        });

        var stored = await GetAsync((await _harness.SubmitOneAsync(submission)).Id);

        Assert.True(stored.Exercise);
        Assert.Equal([Tier.Ally], stored.Distribution.RelayAudience.Tiers);
        Assert.Equal(["JPN", "KOR"], stored.Distribution.RelayAudience.Nations);
        Assert.Equal(Tlp.Green, stored.Distribution.MaxRelayTlp);
        var relabelled = stored.Clone();
        relabelled.Exercise = false;
        Assert.False(_harness.Verifier.Verify(relabelled, _harness.PublicKey).IsValid);
    }

    [Theory]
    [InlineData(false, "JPN", Tlp.Unspecified, "distribution.relay_audience: must be empty when may_reshare is false")]
    [InlineData(false, null, Tlp.Green, "distribution.max_relay_tlp: must be unspecified when may_reshare is false")]
    [InlineData(true, "ZZZZ", Tlp.Unspecified, "distribution.relay_audience.nations[0]: not an ISO 3166-1 country code (upper case, alpha-3 or alpha-2)")]
    [InlineData(true, null, Tlp.AmberStrict, "distribution.max_relay_tlp: must be CLEAR, GREEN or AMBER (AMBER+STRICT and RED are never relayed)")]
    public async Task SubmitAsync_BadDistribution_IsInvalidNamingTheField(bool mayReshare, string? nation, Tlp maxRelayTlp, string error)
    {
        var submission = TestIndicators.Domain("bad.example").With(s =>
        {
            s.Distribution = new Distribution { MayReshare = mayReshare, HopLimit = mayReshare ? 1u : 0u, MaxRelayTlp = maxRelayTlp };
            if (nation is not null)
            {
                s.Distribution.RelayAudience = new RelayAudience { Nations = { nation } };
            }
        });

        var result = await _harness.SubmitOneAsync(submission);

        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Equal((int)StatusCode.InvalidArgument, result.StatusCode);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task SubmitAsync_UnknownTier_IsInvalidNamingIt()
    {
        var submission = Full().With(s => s.Distribution.RelayAudience = new RelayAudience { Tiers = { Tier.Unspecified } });

        var result = await _harness.SubmitOneAsync(submission);

        Assert.Equal("distribution.relay_audience.tiers[0]: unknown tier 0", result.Error);
    }

    [Fact]
    public async Task RevokeAsync_V2Indicator_IsAV2VersionWithFreshSalts()
    {
        var created = await GetAsync((await _harness.SubmitOneAsync(Full())).Id);

        var revoked = await Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None);

        Assert.Equal(CanonicalEncoding.V2, revoked.Encoding);
        Assert.NotEqual(created.Commitments.Description.Salt, revoked.Commitments.Description.Salt);
        Assert.NotEqual(created.Commitments.Description.Digest, revoked.Commitments.Description.Digest);
        Assert.True(_harness.Verifier.Verify(revoked, _harness.PublicKey).IsValid);
    }

    [Fact]
    public async Task SubmitAsync_SameContentAgain_IsUnchanged()
    {
        // Fresh salts must not make identical content look changed.
        await _harness.SubmitOneAsync(Full());

        var again = await _harness.SubmitOneAsync(Full());

        Assert.Equal(SubmitOutcome.Unchanged, again.Outcome);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
