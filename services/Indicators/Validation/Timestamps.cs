using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Validation;

/// <summary>The range google.protobuf.Timestamp allows: 0001-01-01 to 9999-12-31, nanos 0-999,999,999.</summary>
internal static class Timestamps
{
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    public static bool IsValid(Timestamp timestamp) =>
        timestamp.Seconds is >= MinSeconds and <= MaxSeconds && timestamp.Nanos is >= 0 and <= 999_999_999;
}
