using CyberPledge.Signing;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Policy.Internal;

/// <summary>
/// What the rules read from a version, extracted once per decision into bits and ticks so that each agreement's
/// checks are a few integer comparisons.
/// </summary>
internal readonly struct VersionFacts
{
    /// <summary>The bit for an enum value outside the known range: no agreement's mask holds it.</summary>
    public const int UnknownBit = 31;

    public VersionFacts(Indicator version)
    {
        Tlp = version.Tlp;
        Type = version.Type;
        TypeBit = Bit((int)version.Type);
        var sectors = version.Sectors;
        uint sectorMask = 0;
        for (var i = 0; i < sectors.Count; i++)
        {
            sectorMask |= Bit((int)sectors[i]);
        }

        SectorMask = sectorMask;
        Confidence = version.Confidence;
        Severity = version.Severity;
        MadeAtTicks = Ticks(version.Modified ?? version.Created);
        OriginMayReshare = version.Distribution?.MayReshare ?? false;
        OriginHopLimit = version.Distribution?.HopLimit ?? 0;
        Revoked = version.Revoked;
        UnpromotedImport = version.Imported is { Promoted: false };
        IsV2 = IndicatorCanonicalEncoding.CommitsEachField(version.Encoding);
        SignedFieldsPresent = IsV2 ? FieldRedactions.None :
            (version.Description.Length > 0 ? FieldRedactions.Description : FieldRedactions.None)
            | (version.Tags.Count > 0 ? FieldRedactions.Tags : FieldRedactions.None)
            | (version.KillChainPhases.Count > 0 ? FieldRedactions.KillChainPhases : FieldRedactions.None);
    }

    public Tlp Tlp { get; }

    public IndicatorType Type { get; }

    public uint TypeBit { get; }

    public uint SectorMask { get; }

    public uint Confidence { get; }

    public Severity Severity { get; }

    /// <summary>UTC ticks of the version's modified time (else created); -1 when it has neither.</summary>
    public long MadeAtTicks { get; }

    public bool OriginMayReshare { get; }

    public uint OriginHopLimit { get; }

    public bool Revoked { get; }

    /// <summary>Made from an imported STIX object that no analyst promoted (SECURITY.md rule 2).</summary>
    public bool UnpromotedImport { get; }

    /// <summary>Signed with canonical encoding v2: any redactable field can leave a copy on its own.</summary>
    public bool IsV2 { get; }

    /// <summary>
    /// The fields canonical encoding v1 signs directly that this version fills: redacting one would break the copy's
    /// signature (DESIGN.md Decision 1). A v2 version reports none: it commits each by its own digest.
    /// </summary>
    public FieldRedactions SignedFieldsPresent { get; }

    public static uint Bit(int value) => value is >= 0 and < UnknownBit ? 1u << value : 1u << UnknownBit;

    public static long Ticks(Timestamp? time)
    {
        if (time is null)
        {
            return -1;
        }

        // Outside 0001-9999 a Timestamp is invalid; clamping keeps the arithmetic in range.
        var seconds = Math.Clamp(time.Seconds, -62_135_596_800L, 253_402_300_799L);
        return DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (time.Nanos / 100);
    }
}
