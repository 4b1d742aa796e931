using FsCheck;
using FsCheck.Fluent;
using Grpc.Net.Internal;
using Xunit;

namespace CyberPledge.Grpc.Common.Tests.Internal;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("4m", 40_000L)]
    [InlineData("5u", 50L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void TryParse_ValidValue_Ticks(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("1s")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    public void TryParse_InvalidValue_False(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Format_AnyPositiveTimeout_ParsesBackWithinOneUnitAndAtMostEightDigits()
    {
        Prop.ForAll(Gen.Choose(1, int.MaxValue).Select(t => TimeSpan.FromTicks(t * 997L)).ToArbitrary(), timeout =>
        {
            var text = GrpcTimeout.Format(timeout);
            return text.Length <= 9 && GrpcTimeout.TryParse(text, out var parsed) && parsed <= timeout && timeout - parsed < timeout / 1000 + TimeSpan.FromTicks(1);
        }).QuickCheckThrowOnFailure();
    }
}
