using System.Collections.Immutable;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Policy.Tests.Support;

/// <summary>A typical version and agreement for the unit tests, which change the one field a test is about.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly ImmutableSortedSet<IndicatorType> AllTypes =
        [.. System.Enum.GetValues<IndicatorType>().Where(t => t != IndicatorType.Unspecified)];

    public static readonly ImmutableSortedSet<Sector> AllSectors = [.. System.Enum.GetValues<Sector>().Where(s => s != Sector.Unspecified)];

    /// <summary>Everything short of AMBER+STRICT, every type and sector, no minimum, embargo or redaction; re-sharing to 16 relays.</summary>
    public static AgreementRules OpenRules => new()
    {
        MaxTlp = Tlp.Amber,
        IndicatorTypes = AllTypes,
        Sectors = AllSectors,
        MayReshare = true,
        HopLimit = 16,
    };

    public static SharingAgreement Agreement(AgreementRules? rules = null, string id = "JPN-2026-01", ulong version = 3, string grantee = "JPN",
        AgreementStatus status = AgreementStatus.Active) => new()
    {
        Id = id,
        Version = version,
        Grantee = grantee,
        Tier = Tier.Partner,
        Status = status,
        ValidFrom = Now.AddDays(-30),
        ValidUntil = Now.AddDays(30),
        Rules = rules ?? OpenRules,
    };

    /// <summary>A GREEN ipv4 of the energy sector, made an hour before <see cref="Now"/>, re-shareable up to 4 relays.</summary>
    public static Indicator Version() => new()
    {
        Id = "0190a5e2-7c3b-7d1e-9f00-000000000001",
        Type = IndicatorType.Ipv4,
        Value = "192.0.2.1",
        Tlp = Tlp.Green,
        Confidence = 80,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Sensitive = new SensitiveFields
        {
            Salt = ByteString.CopyFrom(new byte[16]),
            ReportingOrganisation = "CERT-EU",
            InternalNotes = "from the Rotterdam sensor",
        },
        SensitiveDigest = ByteString.CopyFrom(new byte[32]),
        Origin = new Origin { Nation = "NLD", NodeId = "node-1" },
        Version = 1,
        Distribution = new Distribution { MayReshare = true, HopLimit = 4 },
        Created = Timestamp.FromDateTimeOffset(Now.AddHours(-1)),
        Modified = Timestamp.FromDateTimeOffset(Now.AddHours(-1)),
    };

    public static Indicator With(this Indicator version, Action<Indicator> change)
    {
        var copy = version.Clone();
        change(copy);
        return copy;
    }

    public static PolicyDecision Decide(Indicator version, DeliveryContext context = default, params SharingAgreement[] agreements) =>
        PolicyEngine.Compile(agreements.Length == 0 ? [Agreement()] : agreements).Decide(version, "JPN", Now, context);
}
