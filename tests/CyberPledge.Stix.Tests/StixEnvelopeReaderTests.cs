using System.Text;
using CyberPledge.Stix.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Stix.Tests;

public sealed class StixEnvelopeReaderTests
{
    [Fact]
    public void Read_Bundle_GivesItsObjectsInOrder()
    {
        var exported = StixExport.Export(SignedSample());
        var bundle = "{\"type\":\"bundle\",\"id\":\"bundle--0f1e2d3c-4b5a-4978-8877-665544332211\",\"objects\":["
            + string.Join(",", exported.Objects.Concat(exported.Referenced).Select(o => o.ToJsonString())) + "]}";

        var envelope = StixEnvelopeReader.Read(Encoding.UTF8.GetBytes(bundle));

        Assert.True(envelope.IsBundle);
        Assert.Equal(exported.Objects.Concat(exported.Referenced).Select(o => o.Id), envelope.Objects.Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(StixImportOutcome.Draft, StixImport.Read(envelope.Objects[0]).Outcome);
    }

    [Fact]
    public void Read_TaxiiEnvelope_GivesMoreAndNext()
    {
        var envelope = StixEnvelopeReader.Read("""{"more":true,"next":"abc","objects":[{"type":"x"}]}"""u8.ToArray());

        Assert.Equal((false, true, "abc", 1), (envelope.IsBundle, envelope.More, envelope.Next, envelope.Objects.Count));
    }

    [Theory]
    [InlineData("""{"objects":[{},{},{}]}""", StixEnvelopeError.TooManyObjects)]
    [InlineData("""{"objects":[{"a":[[[[1]]]]}]}""", StixEnvelopeError.TooDeep)]
    [InlineData("""{"objects":[{}""", StixEnvelopeError.Malformed)]
    [InlineData("""[{}]""", StixEnvelopeError.Malformed)]
    [InlineData("""{"type":"bundle","objects":[]}""", StixEnvelopeError.Malformed)]
    [InlineData("""{"objects":{}}""", StixEnvelopeError.Malformed)]
    public void Read_BeyondALimitOrMalformed_IsRefusedAsAWhole(string json, StixEnvelopeError error)
    {
        var limits = new StixReadLimits(MaxBytes: 1024, MaxObjects: 2, MaxDepth: 5);

        Assert.Equal(error, Assert.Throws<StixEnvelopeException>(() => StixEnvelopeReader.Read(Encoding.UTF8.GetBytes(json), limits)).Error);
    }

    [Fact]
    public void Read_ObjectsAtTheLimits_AreAccepted()
    {
        var limits = new StixReadLimits(MaxBytes: 1024, MaxObjects: 2, MaxDepth: 5);

        Assert.Equal(2, StixEnvelopeReader.Read("""{"objects":[{"a":[[1]]},{}]}"""u8.ToArray(), limits).Objects.Count);
    }

    [Fact]
    public async Task ReadAsync_StreamLargerThanTheLimit_IsRefusedBeforeItEnds()
    {
        var limits = new StixReadLimits(MaxBytes: 100_000);
        await using var endless = new EndlessStream();

        var error = await Assert.ThrowsAsync<StixEnvelopeException>(() => StixEnvelopeReader.ReadAsync(endless, limits));

        Assert.Equal(StixEnvelopeError.TooLarge, error.Error);
        Assert.True(endless.Served < 200_000);
    }

    private static Indicator SignedSample()
    {
        using var samples = new SampleVersions();
        return samples.Signed(IndicatorType.Ipv4, "198.51.100.7");
    }

    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
