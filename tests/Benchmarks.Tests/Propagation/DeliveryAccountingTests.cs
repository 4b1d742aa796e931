using System.Diagnostics;
using CyberPledge.Benchmarks.Propagation;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Tests.Propagation;

/// <summary>Four nodes (allies NLD, DEU, FRA; JPN linked to NLD and DEU); one GREEN IPv4 from NLD goes to all three others.</summary>
public sealed class DeliveryAccountingTests
{
    private static readonly Topology Four = Topology.For(4);
    private static readonly VersionKey Green = new("NLD", "id-1", 1);
    private static readonly VersionKey Amber = new("NLD", "id-2", 1);
    private readonly DeliveryLedger _ledger = new(Four.Nations);

    public DeliveryAccountingTests()
    {
        Submit(Green, Tlp.Green);
        Submit(Amber, Tlp.Amber);
    }

    [Fact]
    public void Account_EveryAllowedNodeOnce_NothingLostDuplicatedOrLeaked()
    {
        DeliverEverywhereAllowed();

        var report = DeliveryAccounting.Account(Four, _ledger);

        Assert.Equal((5L, 5L, 0L, 0L, 0L), (report.Expected, report.Delivered, report.Lost, report.Duplicates, report.Leaked));
        Assert.Equal(5, report.Remote.Length);
        Assert.Equal(2, report.Local.Length);
    }

    [Fact]
    public void Account_AllowedNodeMissing_Lost()
    {
        DeliverEverywhereAllowed(except: "FRA");

        var report = DeliveryAccounting.Account(Four, _ledger);

        Assert.Equal((2L, 0L), (report.Lost, report.Leaked));
    }

    [Fact]
    public void Account_SameVersionTwiceInOneFeed_OneDuplicate()
    {
        DeliverEverywhereAllowed();
        _ledger.RecordArrival("DEU", Green, Stopwatch.GetTimestamp(), carriesRedactedField: false);

        var report = DeliveryAccounting.Account(Four, _ledger);

        Assert.Equal((1L, 0L, 0L), (report.Duplicates, report.Lost, report.Leaked));
    }

    [Fact]
    public void Account_AmberAtThePartner_Leaked()
    {
        DeliverEverywhereAllowed();
        _ledger.RecordArrival("JPN", Amber, Stopwatch.GetTimestamp(), carriesRedactedField: false);

        Assert.Equal(1L, DeliveryAccounting.Account(Four, _ledger).Leaked);
    }

    [Fact]
    public void Account_AllowedVersionWithARedactedField_Leaked()
    {
        DeliverEverywhereAllowed(except: "JPN");
        _ledger.RecordArrival("JPN", Green, Stopwatch.GetTimestamp(), carriesRedactedField: true);

        var report = DeliveryAccounting.Account(Four, _ledger);

        Assert.Equal((1L, 0L), (report.Leaked, report.Lost));
    }

    [Fact]
    public void Account_VersionNeverSubmitted_LeakedAndUnknown()
    {
        DeliverEverywhereAllowed();
        _ledger.RecordArrival("DEU", new VersionKey("FRA", "id-9", 1), Stopwatch.GetTimestamp(), carriesRedactedField: false);

        var report = DeliveryAccounting.Account(Four, _ledger);

        Assert.Equal((1L, 1L), (report.Leaked, report.Unknown));
    }

    [Fact]
    public void Percentile_HundredSamples_NearestRank()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        Assert.Equal((50.0, 99.0, 100.0), (DeliveryAccounting.Percentile(samples, 0.5), DeliveryAccounting.Percentile(samples, 0.99), DeliveryAccounting.Percentile(samples, 1)));
    }

    private void Submit(VersionKey key, Tlp tlp)
    {
        var content = new IndicatorSubmission { Type = IndicatorType.Ipv4, Value = "198.51.100." + key.Id[^1], Tlp = tlp, Sectors = { Sector.Energy } };
        var now = Stopwatch.GetTimestamp();
        _ledger.RecordSubmitted(new SubmittedVersion(key, content, now, now, Measured: true));
    }

    /// <summary>GREEN at DEU, FRA and JPN, AMBER at DEU and FRA, both on NLD's own feed.</summary>
    private void DeliverEverywhereAllowed(string? except = null)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (nation, key) in new[] { ("NLD", Green), ("NLD", Amber), ("DEU", Green), ("DEU", Amber), ("FRA", Green), ("FRA", Amber), ("JPN", Green) })
        {
            if (nation != except)
            {
                _ledger.RecordArrival(nation, key, now, carriesRedactedField: false);
            }
        }
    }
}
