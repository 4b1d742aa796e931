using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Signing.Tests.Support;

/// <summary>A node's signing key in a temporary directory, and versions signed with it.</summary>
internal sealed class TestSigner : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public TestSigner() => Key = NodeSigningKey.LoadOrCreate(_directory.Path);

    public NodeSigningKey Key { get; }

    /// <summary>A complete version, its sensitive digest set, not yet signed.</summary>
    public static Indicator Unsigned(ulong version = 1)
    {
        var indicator = ForeignVersions.Unsigned(version: version);
        indicator.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(indicator.Sensitive));
        return indicator;
    }

    /// <summary>A complete canonical encoding v2 version, committed, not yet signed.</summary>
    public static Indicator UnsignedV2(ulong version = 1)
    {
        var indicator = ForeignVersions.Unsigned(version: version);
        indicator.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = "execution" });
        indicator.Exercise = true;
        indicator.Distribution.RelayAudience = new RelayAudience { Tiers = { Tier.Ally }, Nations = { "JPN", "KOR" } };
        indicator.Distribution.MaxRelayTlp = Tlp.Amber;
        IndicatorRedaction.Commit(indicator);
        return indicator;
    }

    /// <summary>A complete version made from imported STIX data (canonical encoding v3), committed, not yet signed.</summary>
    public static Indicator UnsignedV3(ulong version = 1, bool promoted = false)
    {
        var indicator = ForeignVersions.Unsigned(version: version);
        indicator.Imported = new ImportProvenance
        {
            Source = "taxii-connector:partner-feed",
            StixId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            StixModified = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1_700_000_000, Nanos = 5 },
            Promoted = promoted,
            PromotedBy = promoted ? "alice (analyst)" : "",
        };
        IndicatorRedaction.Commit(indicator);
        return indicator;
    }

    /// <summary>Canonical encoding v2 versions 1 to <paramref name="size"/> signed as one batch.</summary>
    public Indicator[] SignedV2Batch(int size)
    {
        var batch = Enumerable.Range(1, size).Select(v => UnsignedV2((ulong)v)).ToArray();
        Key.SignBatch(batch);
        return batch;
    }

    /// <summary>A version signed as a batch of one.</summary>
    public Indicator Signed() => SignedBatch(1)[0];

    /// <summary>Versions 1 to <paramref name="size"/> signed as one batch.</summary>
    public Indicator[] SignedBatch(int size)
    {
        var batch = Enumerable.Range(1, size).Select(v => Unsigned((ulong)v)).ToArray();
        Key.SignBatch(batch);
        return batch;
    }

    public void Dispose()
    {
        Key.Dispose();
        _directory.Dispose();
    }
}
