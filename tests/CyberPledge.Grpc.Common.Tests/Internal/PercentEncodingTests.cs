using FsCheck;
using FsCheck.Fluent;
using Grpc.Net.Internal;
using Xunit;

namespace CyberPledge.Grpc.Common.Tests.Internal;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("\t\n", "%09%0A")]
    [InlineData("☺", "%E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    public void Encode_KnownValues(string value, string encoded) => Assert.Equal(encoded, PercentEncoding.Encode(value));

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%e2%98%ba", "☺")]
    public void Decode_BrokenOrLowerCase_NeverThrows(string value, string decoded) => Assert.Equal(decoded, PercentEncoding.Decode(value));

    [Fact]
    public void EncodeThenDecode_AnyString_RoundTripsAndIsPrintableAscii()
    {
        Prop.ForAll<string>(value =>
        {
            value ??= "";
            // Lone surrogates cannot be UTF-8 encoded; they are not valid text.
            if (value.Any(char.IsSurrogate))
            {
                return true;
            }
            var encoded = PercentEncoding.Encode(value);
            return encoded.All(c => c is >= (char)0x20 and <= (char)0x7E) && PercentEncoding.Decode(encoded) == value;
        }).QuickCheckThrowOnFailure();
    }
}
