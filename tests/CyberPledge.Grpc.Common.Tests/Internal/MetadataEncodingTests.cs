using Grpc.Core;
using Grpc.Net.Internal;
using Xunit;

namespace CyberPledge.Grpc.Common.Tests.Internal;

public sealed class MetadataEncodingTests
{
    [Theory]
    [InlineData("q6ur", new byte[] { 0xab, 0xab, 0xab })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQ", new byte[] { 1 })]
    public void AddHeader_BinaryKey_DecodesPaddedAndUnpaddedBase64(string value, byte[] expected)
    {
        var metadata = new Metadata();

        MetadataEncoding.AddHeader(metadata, "Trace-Bin", value);

        Assert.Equal(expected, metadata.GetValueBytes("trace-bin"));
    }

    [Fact]
    public void AddHeader_BinaryKeyWithCommaJoinedValues_SplitsThem()
    {
        var metadata = new Metadata();

        MetadataEncoding.AddHeader(metadata, "x-bin", "AQ,Ag==");

        Assert.Equal([[1], [2]], metadata.GetAll("x-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public void AddHeader_NameOutsideGrpcAlphabet_Skipped()
    {
        var metadata = new Metadata();

        MetadataEncoding.AddHeader(metadata, "x~odd", "v");

        Assert.Empty(metadata);
    }

    [Fact]
    public void ToHeaderValue_BinaryEntry_UnpaddedBase64()
    {
        Assert.Equal("AQ", MetadataEncoding.ToHeaderValue(new Metadata.Entry("x-bin", [1])));
        Assert.Equal("text", MetadataEncoding.ToHeaderValue(new Metadata.Entry("x", "text")));
    }
}
