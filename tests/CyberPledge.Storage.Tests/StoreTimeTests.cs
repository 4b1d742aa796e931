namespace CyberPledge.Storage.Tests;

public sealed class StoreTimeTests
{
    public static TheoryData<DateTimeOffset> Times => new()
    {
        DateTimeOffset.UnixEpoch,
        new DateTimeOffset(2026, 3, 1, 12, 30, 15, TimeSpan.Zero).AddTicks(1_234_560),
        new DateTimeOffset(2026, 3, 1, 14, 30, 15, TimeSpan.FromHours(2)),
        new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
        new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void FromUnixMicroseconds_OfToUnixMicroseconds_IsTheSameInstantInUtc(DateTimeOffset time)
    {
        var back = StoreTime.FromUnixMicroseconds(StoreTime.ToUnixMicroseconds(time));

        Assert.Equal(time.UtcDateTime, back.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, back.Offset);
    }

    [Theory]
    [InlineData(1L, 0L)]
    [InlineData(15L, 1L)]
    [InlineData(-1L, -1L)]
    [InlineData(-10L, -1L)]
    [InlineData(-11L, -2L)]
    public void ToUnixMicroseconds_SubMicrosecondTicks_RoundDownBothSidesOfTheEpoch(long ticksAfterEpoch, long expected)
    {
        Assert.Equal(expected, StoreTime.ToUnixMicroseconds(DateTimeOffset.UnixEpoch.AddTicks(ticksAfterEpoch)));
    }

    [Theory]
    [InlineData(1_772_368_215L, 123_456_789)]
    [InlineData(-1L, 999_999_999)]
    [InlineData(0L, 999)]
    public void ToUnixMicroseconds_SecondsAndNanos_AgreesWithTheSameTimeAsDateTimeOffset(long seconds, int nanos)
    {
        var time = DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);

        Assert.Equal(StoreTime.ToUnixMicroseconds(time), StoreTime.ToUnixMicroseconds(seconds, nanos));
    }
}
