using Grpc.Core;
using Xunit;

namespace CyberPledge.Grpc.Core.Tests;

public sealed class MetadataTests
{
    [Fact]
    public void Add_KeyIsLowerCasedAndFoundCaseInsensitively()
    {
        var metadata = new Metadata { { "X-Nation", "FR" } };

        Assert.Equal("x-nation", metadata[0].Key);
        Assert.Equal("FR", metadata.GetValue("X-NATION"));
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("ключ")]
    [InlineData("a:b")]
    public void Add_KeyOutsideAlphabet_Throws(string key) =>
        Assert.Throws<ArgumentException>(() => new Metadata { { key, "v" } });

    [Fact]
    public void Add_BinaryKeyNeedsBytesAndTextKeyNeedsText()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("x", [1]));
    }

    [Fact]
    public void BinaryEntry_ValueThrowsAndBytesAreCopies()
    {
        var bytes = new byte[] { 1, 2 };
        var entry = new Metadata.Entry("x-bin", bytes);
        bytes[0] = 9;

        Assert.True(entry.IsBinary);
        Assert.Throws<InvalidOperationException>(() => entry.Value);
        Assert.Equal(new byte[] { 1, 2 }, entry.ValueBytes);
    }

    [Fact]
    public void Get_SeveralValues_LastWinsAndGetAllKeepsOrder()
    {
        var metadata = new Metadata { { "k", "1" }, { "k", "2" } };

        Assert.Equal("2", metadata.GetValue("k"));
        Assert.Equal(["1", "2"], metadata.GetAll("k").Select(e => e.Value));
    }

    [Fact]
    public void Empty_IsReadOnly() => Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("k", "v"));
}
