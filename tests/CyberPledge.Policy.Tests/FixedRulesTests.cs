using CyberPledge.Policy.Tests.Support;
using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

public sealed class FixedRulesTests
{
    private static readonly SharingAgreement AmberStrictAgreement = Agreement(OpenRules with { MaxTlp = Tlp.AmberStrict });

    [Fact]
    public void Decide_Red_IsWithheldEvenUnderTheWidestAgreement()
    {
        var decision = Decide(Version().With(v => v.Tlp = Tlp.Red), DeliveryContext.Own, Agreement(OpenRules with { MaxTlp = Tlp.Red }));

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.TlpRed, decision.Rule);
        Assert.Equal("withheld: TLP:RED is never shared by federation", decision.Reason);
    }

    [Fact]
    public void Decide_RedRevocationTheGranteeHeld_IsWithheld()
    {
        // The withdrawal of SECURITY.md rule 6 (no content) removes the grantee's copy instead.
        var revocation = Version().With(v => { v.Tlp = Tlp.Red; v.Revoked = true; v.Version = 2; });

        var decision = Decide(revocation, new DeliveryContext(false, 0, GranteeReceivedEarlierVersion: true));

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.TlpRed, decision.Rule);
    }

    [Fact]
    public void Decide_UnspecifiedTlp_IsWithheld()
    {
        var decision = Decide(Version().With(v => v.Tlp = Tlp.Unspecified));

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.TlpUnknown, decision.Rule);
    }

    [Theory]
    [InlineData(Tlp.Amber, false)]
    [InlineData(Tlp.AmberStrict, true)]
    [InlineData(Tlp.Red, false)] // an invalid RED maximum is not wider than AMBER+STRICT
    public void Decide_AmberStrict_PassesOnlyWhenTheMaximumIsAmberStrict(Tlp maximum, bool allowed)
    {
        var decision = Decide(Version().With(v => v.Tlp = Tlp.AmberStrict), DeliveryContext.Own, Agreement(OpenRules with { MaxTlp = maximum }));

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed ? PolicyRules.Allowed : PolicyRules.AmberStrictMaximum, decision.Rule);
    }

    [Fact]
    public void Decide_AmberStrictRelayed_IsWithheldEvenUnderAnAmberStrictAgreement()
    {
        var decision = Decide(Version().With(v => v.Tlp = Tlp.AmberStrict), DeliveryContext.Relay(0), AmberStrictAgreement);

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.AmberStrictRelay, decision.Rule);
        Assert.Equal("withheld: TLP:AMBER+STRICT is never relayed", decision.Reason);
    }

    [Fact]
    public void Decide_AmberUnderGreenMaximum_NamesAgreementVersionAndBothLevels()
    {
        var decision = Decide(Version().With(v => v.Tlp = Tlp.Amber), DeliveryContext.Own, Agreement(OpenRules with { MaxTlp = Tlp.Green }));

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.MaxTlp, decision.Rule);
        Assert.Equal("withheld: TLP:AMBER exceeds agreement JPN-2026-01 v3 maximum TLP:GREEN", decision.Reason);
    }

    [Theory]
    [InlineData(false, 4u, 0, PolicyRules.OriginReshare)]
    [InlineData(true, 1u, 1, PolicyRules.OriginHopLimit)] // this relay would be the second
    [InlineData(true, 1u, 0, PolicyRules.Allowed)]
    [InlineData(true, 0u, 0, PolicyRules.OriginHopLimit)] // direct delivery only
    public void Decide_Relayed_FollowsTheOriginsDistribution(bool mayReshare, uint hopLimit, int pathLength, string rule)
    {
        var version = Version().With(v => v.Distribution = new Distribution { MayReshare = mayReshare, HopLimit = hopLimit });

        var decision = Decide(version, DeliveryContext.Relay(pathLength));

        Assert.Equal(rule, decision.Rule);
        Assert.Equal(rule == PolicyRules.Allowed, decision.Allowed);
    }

    [Fact]
    public void Decide_OwnVersionThatMayNotBeReshared_IsStillDeliveredDirectly()
    {
        var version = Version().With(v => v.Distribution = new Distribution { MayReshare = false, HopLimit = 0 });

        Assert.True(Decide(version).Allowed);
    }

    [Fact]
    public void Decide_OriginHopLimitReached_SaysHowFar()
    {
        var version = Version().With(v => v.Distribution = new Distribution { MayReshare = true, HopLimit = 2 });

        var decision = Decide(version, DeliveryContext.Relay(2));

        Assert.Equal("withheld: relaying would make 3 relays past the origin, above the origin's hop limit 2", decision.Reason);
    }
}
