using CyberPledge.Cli.Output;
using CyberPledge.V1;

namespace CyberPledge.Cli.Tests.Output;

public sealed class DefangTests
{
    [Theory]
    [InlineData(IndicatorType.Domain, "evil.example", "evil[.]example")]
    [InlineData(IndicatorType.Url, "http://evil.example/a.php?x=1", "hxxp://evil[.]example/a[.]php?x=1")]
    [InlineData(IndicatorType.Url, "https://evil.example/", "hxxps://evil[.]example/")]
    [InlineData(IndicatorType.Email, "ceo@evil.example", "ceo[@]evil[.]example")]
    [InlineData(IndicatorType.Ipv4, "192.0.2.1", "192[.]0[.]2[.]1")]
    [InlineData(IndicatorType.Cidr, "10.0.0.0/8", "10[.]0[.]0[.]0/8")]
    [InlineData(IndicatorType.Ipv6, "2001:db8::1", "2001[:]db8[:][:]1")]
    [InlineData(IndicatorType.Sha256, "ab12", "ab12")]
    [InlineData(IndicatorType.Cve, "CVE-2021-44228", "CVE-2021-44228")]
    public void Value_ByType_NoLiveNameOrLink(IndicatorType type, string value, string expected) =>
        Assert.Equal(expected, Defang.Value(type, value));

    [Fact]
    public void Text_LinksAndDomainsInProse_DefangedRestKept()
    {
        var text = Defang.Text("Seen at https://evil.example/x and mail.evil.example, version 1.2 (see CVE-2021-44228).");

        Assert.Equal("Seen at hxxps://evil[.]example/x and mail[.]evil[.]example, version 1.2 (see CVE-2021-44228).", text);
    }
}
