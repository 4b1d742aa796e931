using CyberPledge.Indicators.Validation;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Validation;

public sealed class IndicatorValueNormalizerTests
{
    [Theory]
    [InlineData(IndicatorType.Ipv4, "192.0.2.1", "192.0.2.1")]
    [InlineData(IndicatorType.Ipv4, " 203.0.113.255 ", "203.0.113.255")]
    [InlineData(IndicatorType.Ipv4, "198.51.100[.]7", "198.51.100.7")]
    [InlineData(IndicatorType.Ipv4, "0.0.0.0", "0.0.0.0")]
    [InlineData(IndicatorType.Ipv6, "2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData(IndicatorType.Ipv6, "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData(IndicatorType.Ipv6, "2001:0db8::0001", "2001:db8::1")]
    [InlineData(IndicatorType.Ipv6, "::FFFF:192.0.2.1", "::ffff:192.0.2.1")]
    [InlineData(IndicatorType.Cidr, "10.1.2.3/8", "10.0.0.0/8")]
    [InlineData(IndicatorType.Cidr, "192.0.2.77/32", "192.0.2.77/32")]
    [InlineData(IndicatorType.Cidr, "192.0.2.77/0", "0.0.0.0/0")]
    [InlineData(IndicatorType.Cidr, "2001:DB8:ABCD:12::1/48", "2001:db8:abcd::/48")]
    [InlineData(IndicatorType.Cidr, "2001:db8::ff/127", "2001:db8::fe/127")]
    [InlineData(IndicatorType.Domain, "Example.COM", "example.com")]
    [InlineData(IndicatorType.Domain, "evil.example.org.", "evil.example.org")]
    [InlineData(IndicatorType.Domain, "bücher.example", "xn--bcher-kva.example")]
    [InlineData(IndicatorType.Domain, "BÜCHER.Example", "xn--bcher-kva.example")]
    [InlineData(IndicatorType.Domain, "xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData(IndicatorType.Domain, "_dmarc.example.com", "_dmarc.example.com")]
    [InlineData(IndicatorType.Domain, "c2[.]example[.]net", "c2.example.net")]
    [InlineData(IndicatorType.Email, "John.Doe@Example.COM", "john.doe@example.com")]
    [InlineData(IndicatorType.Email, "phish+1@bücher.example", "phish+1@xn--bcher-kva.example")]
    [InlineData(IndicatorType.Email, "ceo[@]example[.]com", "ceo@example.com")]
    [InlineData(IndicatorType.Md5, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(IndicatorType.Sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData(IndicatorType.Sha256, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(IndicatorType.Cve, "cve-2021-44228", "CVE-2021-44228")]
    [InlineData(IndicatorType.Cve, "CVE-2014-0001", "CVE-2014-0001")]
    [InlineData(IndicatorType.Cve, "CVE-2024-123456", "CVE-2024-123456")]
    [InlineData(IndicatorType.Asn, "AS64500", "AS64500")]
    [InlineData(IndicatorType.Asn, "as13335", "AS13335")]
    [InlineData(IndicatorType.Asn, "64500", "AS64500")]
    [InlineData(IndicatorType.Asn, "AS1.10", "AS65546")]
    [InlineData(IndicatorType.Asn, "AS4294967294", "AS4294967294")]
    public void TryNormalize_ValidValue_ReturnsNormalForm(IndicatorType type, string input, string expected)
    {
        Assert.True(IndicatorValueNormalizer.TryNormalize(type, input, out var value, out var reason), reason);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(IndicatorType.Ipv4, "256.1.1.1")]
    [InlineData(IndicatorType.Ipv4, "010.1.1.1")]
    [InlineData(IndicatorType.Ipv4, "1.2.3")]
    [InlineData(IndicatorType.Ipv4, "1.2.3.4.5")]
    [InlineData(IndicatorType.Ipv4, "127.1")]
    [InlineData(IndicatorType.Ipv4, "0x7f.0.0.1")]
    [InlineData(IndicatorType.Ipv4, "1.2.3.4/32")]
    [InlineData(IndicatorType.Ipv4, "::1")]
    [InlineData(IndicatorType.Ipv6, "192.0.2.1")]
    [InlineData(IndicatorType.Ipv6, "fe80::1%eth0")]
    [InlineData(IndicatorType.Ipv6, "[2001:db8::1]")]
    [InlineData(IndicatorType.Ipv6, "2001:db8::g")]
    [InlineData(IndicatorType.Ipv6, "1:2:3:4:5:6:7:8:9")]
    [InlineData(IndicatorType.Ipv6, "::ffff:1.2.3.04")]
    [InlineData(IndicatorType.Cidr, "10.0.0.0")]
    [InlineData(IndicatorType.Cidr, "10.0.0.0/33")]
    [InlineData(IndicatorType.Cidr, "10.0.0.0/08")]
    [InlineData(IndicatorType.Cidr, "2001:db8::/129")]
    [InlineData(IndicatorType.Cidr, "example.com/24")]
    [InlineData(IndicatorType.Domain, "localhost")]
    [InlineData(IndicatorType.Domain, "-bad.example.com")]
    [InlineData(IndicatorType.Domain, "bad-.example.com")]
    [InlineData(IndicatorType.Domain, "ex ample.com")]
    [InlineData(IndicatorType.Domain, "a..example.com")]
    [InlineData(IndicatorType.Domain, "192.0.2.1")]
    [InlineData(IndicatorType.Domain, "example.c_m")]
    [InlineData(IndicatorType.Domain, "xn--zz.example")]
    [InlineData(IndicatorType.Domain, "http://example.com")]
    [InlineData(IndicatorType.Email, "no-at-sign.example.com")]
    [InlineData(IndicatorType.Email, "@example.com")]
    [InlineData(IndicatorType.Email, "user@")]
    [InlineData(IndicatorType.Email, ".user@example.com")]
    [InlineData(IndicatorType.Email, "us..er@example.com")]
    [InlineData(IndicatorType.Email, "\"quoted\"@example.com")]
    [InlineData(IndicatorType.Email, "user@localhost")]
    [InlineData(IndicatorType.Md5, "d41d8cd98f00b204e9800998ecf8427")]
    [InlineData(IndicatorType.Md5, "z41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(IndicatorType.Sha1, "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(IndicatorType.Sha256, "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData(IndicatorType.Cve, "CVE-21-44228")]
    [InlineData(IndicatorType.Cve, "CVE-1998-0001")]
    [InlineData(IndicatorType.Cve, "CVE-2021-123")]
    [InlineData(IndicatorType.Cve, "CVE-2021-01234")]
    [InlineData(IndicatorType.Cve, "CAN-2021-1234")]
    [InlineData(IndicatorType.Asn, "AS0")]
    [InlineData(IndicatorType.Asn, "AS4294967295")]
    [InlineData(IndicatorType.Asn, "AS-1")]
    [InlineData(IndicatorType.Asn, "AS064500")]
    [InlineData(IndicatorType.Asn, "AS0.10")]
    [InlineData(IndicatorType.Asn, "ASN")]
    [InlineData(IndicatorType.Unspecified, "192.0.2.1")]
    [InlineData(IndicatorType.Ipv4, "")]
    [InlineData(IndicatorType.Domain, "   ")]
    public void TryNormalize_InvalidValue_ReturnsReason(IndicatorType type, string input)
    {
        Assert.False(IndicatorValueNormalizer.TryNormalize(type, input, out var value, out var reason));
        Assert.Null(value);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void TryNormalize_OverlongInput_IsRefusedBeforeParsing()
    {
        Assert.False(IndicatorValueNormalizer.TryNormalize(IndicatorType.Url, "http://example.com/" + new string('a', 5000), out _, out var reason));
        Assert.Contains("4096", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_DomainOver253Characters_IsRefused()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";
        Assert.False(IndicatorValueNormalizer.TryNormalize(IndicatorType.Domain, name, out _, out var reason));
        Assert.Contains("253", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_DomainLabelOver63Characters_IsRefused()
    {
        Assert.False(IndicatorValueNormalizer.TryNormalize(IndicatorType.Domain, new string('a', 64) + ".com", out _, out _));
    }
}
