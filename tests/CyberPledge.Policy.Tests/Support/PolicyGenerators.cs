using System.Collections.Immutable;
using CyberPledge.V1;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Policy.Tests.Support;

/// <summary>Random versions, agreements and times around one reference instant, so that windows and embargoes overlap often.</summary>
internal static class PolicyGenerators
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly IndicatorType[] AllTypes = [.. Enumerable.Range(1, 11).Select(t => (IndicatorType)t)];

    public static readonly Sector[] AllSectors = [.. Enumerable.Range(1, 8).Select(s => (Sector)s)];

    /// <summary>An instant within about three months of the reference, to the minute.</summary>
    public static Gen<DateTimeOffset> Time => Gen.Choose(-60 * 24 * 90, 60 * 24 * 90).Select(m => Origin.AddMinutes(m));

    public static Gen<Tlp> AnyTlp => Gen.Frequency((1, Gen.Constant(Tlp.Unspecified)), (10, Gen.Choose(1, 5).Select(t => (Tlp)t)));

    public static Gen<Indicator> Version =>
        from tlp in AnyTlp
        from type in Gen.Choose(1, 11).Select(t => (IndicatorType)t)
        from sectors in Gen.SubListOf(AllSectors)
        from confidence in Gen.Choose(0, 100)
        from severity in Gen.Choose(0, 4)
        from texts in SignedTexts
        from times in VersionTimes
        from mayReshare in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from hopLimit in Gen.Choose(0, 4)
        from revoked in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from encoding in Gen.Frequency((3, Gen.Constant(CanonicalEncoding.V1)), (1, Gen.Constant(CanonicalEncoding.V2)), (1, Gen.Constant(CanonicalEncoding.V3)))
        from promoted in Gen.Elements(false, true)
        select Imported(Build(tlp, type, sectors, (uint)confidence, (Severity)severity, texts, times, (mayReshare, hopLimit), revoked, encoding), promoted);

    public static Gen<AgreementRules> Rules =>
        // Biased toward wide rules, so that a good share of random scenarios is allowed and the properties bite.
        from maxTlp in Gen.Frequency((1, AnyTlp), (3, Gen.Elements(Tlp.Amber, Tlp.AmberStrict)))
        from types in Gen.Frequency((1, Gen.SubListOf(AllTypes).Select(l => l.ToArray())), (2, Gen.Constant(AllTypes)))
        from sectors in Gen.Frequency((1, Gen.SubListOf(AllSectors).Select(l => l.ToArray())), (2, Gen.Constant(AllSectors)))
        from minConfidence in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 100)))
        from minSeverity in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 4)))
        from embargoHours in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 24 * 10)))
        from redactions in Gen.Frequency((3, Gen.Choose(0, (int)FieldRedactions.Sensitive)), (1, Gen.Choose(0, (int)FieldRedactions.All)))
        from mayReshare in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from hopLimit in Gen.Choose(0, 4)
        from shareImported in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from records in RecordGenerators.RecordRules
        select new AgreementRules
        {
            MaxTlp = maxTlp,
            IndicatorTypes = [.. types],
            Sectors = [.. sectors],
            MinConfidence = (uint)minConfidence,
            MinSeverity = (Severity)minSeverity,
            Embargo = TimeSpan.FromHours(embargoHours),
            Redactions = (FieldRedactions)redactions,
            MayReshare = mayReshare,
            HopLimit = (uint)hopLimit,
            ShareImported = shareImported,
            Incidents = records.Incidents,
            Support = records.Support,
            Sightings = records.Sightings,
        };

    public static Gen<AgreementStatus> Status => Gen.Frequency(
        (4, Gen.Constant(AgreementStatus.Active)),
        (1, Gen.Choose(1, 5).Select(s => (AgreementStatus)s)));

    public static Gen<SharingAgreement> Agreement(int index, Gen<AgreementStatus> status) =>
        from rules in Rules
        from state in status
        from validFrom in Time
        from days in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 120)))
        from version in Gen.Choose(1, 9)
        select new SharingAgreement
        {
            Id = $"JPN-2026-{index:D2}",
            Version = (ulong)version,
            Grantee = Scenario.Grantee,
            Tier = Tier.Partner,
            Status = state,
            ValidFrom = validFrom,
            ValidUntil = days == 0 ? null : validFrom.AddDays(days),
            Rules = rules,
        };

    public static Gen<DeliveryContext> Context(Gen<bool> held) =>
        from relayed in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from path in Gen.Choose(0, 4)
        from received in held
        select new DeliveryContext(relayed, relayed ? path : 0, received);

    public static Gen<bool> SometimesHeld => Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)));

    /// <summary>Scenarios with 1-3 agreements for the grantee, whose statuses come from <paramref name="status"/>.</summary>
    public static Gen<Scenario> Scenarios(Gen<AgreementStatus>? status = null, Gen<bool>? held = null) =>
        (from count in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
         from agreements in Gen.CollectToArray(Enumerable.Range(1, count).Select(i => Agreement(i, status ?? Status)))
         from version in Version
         from now in Gen.Frequency((1, Time), (3, Gen.Elements(agreements).SelectMany(a => Gen.Choose(-60, 60 * 24 * 14).Select(m => a.ValidFrom.AddMinutes(m)))))
         from context in Context(held ?? Gen.Constant(false))
         select new Scenario([.. agreements], version, now, context));

    private static Gen<(string Description, string[] Tags, bool KillChain)> SignedTexts =>
        from description in Gen.Frequency((2, Gen.Constant("")), (1, Gen.Constant("phishing kit")))
        from tags in Gen.Frequency((2, Gen.Constant(Array.Empty<string>())), (1, Gen.Constant<string[]>(["apt"])))
        from killChain in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        select (description, tags, killChain);

    private static Gen<(Timestamp? Created, Timestamp? Modified)> VersionTimes =>
        from created in Time
        from minutes in Gen.Choose(0, 60 * 24 * 10)
        from shape in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        select shape switch
        {
            0 => (Timestamp.FromDateTimeOffset(created), Timestamp.FromDateTimeOffset(created.AddMinutes(minutes))),
            1 => (Timestamp.FromDateTimeOffset(created), (Timestamp?)null),
            _ => ((Timestamp?)null, (Timestamp?)null),
        };

    /// <summary>A v3 version carries the import provenance (SECURITY.md rule 2), promoted or not; no other version does.</summary>
    private static Indicator Imported(Indicator version, bool promoted)
    {
        if (version.Encoding == CanonicalEncoding.V3)
        {
            version.Imported = new ImportProvenance { Source = "taxii-connector:feed", StixId = "indicator--0190a5e2-7c3b-4d1e-9f00-000000000001", Promoted = promoted };
        }

        return version;
    }

    private static Indicator Build(Tlp tlp, IndicatorType type, IList<Sector> sectors, uint confidence, Severity severity,
        (string Description, string[] Tags, bool KillChain) texts, (Timestamp? Created, Timestamp? Modified) times, (bool MayReshare, int HopLimit) distribution,
        bool revoked, CanonicalEncoding encoding)
    {
        var version = new Indicator
        {
            Encoding = encoding,
            Id = "0190a5e2-7c3b-7d1e-9f00-000000000001",
            Type = type,
            Value = "x",
            Tlp = tlp,
            Confidence = confidence,
            Severity = severity,
            Sectors = { sectors },
            Tags = { texts.Tags },
            Description = texts.Description,
            Sensitive = new SensitiveFields { Salt = ByteString.CopyFrom(new byte[16]), ReportingOrganisation = "CERT", InternalNotes = "notes" },
            SensitiveDigest = ByteString.CopyFrom(new byte[32]),
            Origin = new Origin { Nation = "NLD", NodeId = "node-1" },
            Version = revoked ? 2UL : 1UL,
            Revoked = revoked,
            Distribution = new Distribution { MayReshare = distribution.MayReshare, HopLimit = (uint)distribution.HopLimit },
            Created = times.Created,
            Modified = times.Modified,
        };
        if (texts.KillChain)
        {
            version.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = "initial-access" });
        }

        return version;
    }
}
