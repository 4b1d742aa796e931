using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

/// <summary>Imported data (SECURITY.md rule 2): withheld until an analyst promotes it, unless an agreement shares imported data.</summary>
public sealed class ImportedDataTests
{
    private static Indicator Imported(bool promoted) => Version().With(v =>
    {
        v.Encoding = CanonicalEncoding.V3;
        v.Imported = new ImportProvenance { Source = "taxii-connector:feed", StixId = "indicator--0190a5e2-7c3b-4d1e-9f00-000000000001", Promoted = promoted };
    });

    [Fact]
    public void Decide_UnpromotedImport_IsWithheldWithTheReason()
    {
        var decision = Decide(Imported(promoted: false), DeliveryContext.Own);

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.ImportedNotPromoted, decision.Rule);
        Assert.Equal("withheld: imported data not promoted, and agreement JPN-2026-01 v3 does not share imported data", decision.Reason);
    }

    [Fact]
    public void Decide_PromotedImport_IsShared()
    {
        Assert.True(Decide(Imported(promoted: true), DeliveryContext.Own).Allowed);
    }

    [Fact]
    public void Decide_UnpromotedImportUnderShareImported_IsShared()
    {
        Assert.True(Decide(Imported(promoted: false), DeliveryContext.Own, Agreement(OpenRules with { ShareImported = true })).Allowed);
    }

    [Fact]
    public void Decide_UnpromotedImportWithOneAgreementWithoutShareImported_DenyOverrides()
    {
        var sharing = Agreement(OpenRules with { ShareImported = true }, id: "JPN-A");
        var plain = Agreement(id: "JPN-B");

        var decision = Decide(Imported(promoted: false), DeliveryContext.Own, sharing, plain);

        Assert.False(decision.Allowed);
        Assert.Same(plain, decision.Agreement);
    }

    [Fact]
    public void Explain_UnpromotedImport_TraceNamesTheRule()
    {
        var decision = PolicyEngine.ExplainAgreement(Agreement(), Imported(promoted: false), Now, DeliveryContext.Own);

        Assert.Contains(decision.Trace, r => r.Rule == PolicyRules.ImportedNotPromoted && !r.Passed);
    }

    [Fact]
    public void Templates_DoNotShareImportedData()
    {
        Assert.False(AgreementTemplates.AllyBaseline().ShareImported);
        Assert.False(AgreementTemplates.PartnerBaseline().ShareImported);
    }

    [Fact]
    public void FromContract_ShareImported_IsCarried()
    {
        var agreement = new V1.SharingAgreement { Id = "JPN-1", Version = 1, Grantee = "JPN", Rules = new V1.AgreementRules { ShareImported = true } };

        Assert.True(AgreementContracts.ToModel(agreement).Rules.ShareImported);
    }
}
