using System.Buffers;
using Grpc.Net.Internal;
using Xunit;

namespace CyberPledge.Grpc.Common.Tests.Internal;

public sealed class MessageCompressionTests
{
    [Fact]
    public void CompressThenDecompress_EachProvider_RoundTrips()
    {
        var message = Enumerable.Range(0, 5000).Select(i => (byte)(i % 7)).ToArray();
        foreach (var provider in MessageCompression.DefaultProviders)
        {
            var compressed = MessageCompression.Compress(provider, null, message);

            Assert.True(compressed.Length < message.Length);
            Assert.True(MessageCompression.TryDecompress(provider, new ReadOnlySequence<byte>(compressed), 5000, out var result));
            Assert.Equal(message, result);
        }
    }

    [Fact]
    public void TryDecompress_ExpandsPastLimit_FalseWithoutExpandingFully()
    {
        var provider = MessageCompression.DefaultProviders[0];
        var bomb = MessageCompression.Compress(provider, null, new byte[50 * 1024 * 1024]);

        Assert.False(MessageCompression.TryDecompress(provider, new ReadOnlySequence<byte>(bomb), 1024, out _));
    }

    [Fact]
    public void AcceptEncodingValue_IdentityFirst() =>
        Assert.Equal("identity,gzip,deflate", MessageCompression.AcceptEncodingValue(MessageCompression.DefaultProviders));
}
