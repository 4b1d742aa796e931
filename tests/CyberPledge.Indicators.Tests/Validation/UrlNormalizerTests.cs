using CyberPledge.Indicators.Validation;

namespace CyberPledge.Indicators.Tests.Validation;

public sealed class UrlNormalizerTests
{
    [Theory]
    [InlineData("HTTP://Example.COM", "http://example.com/")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("http://example.com/a/./b/../c", "http://example.com/a/c")]
    [InlineData("http://example.com/../../a", "http://example.com/a")]
    [InlineData("http://example.com/%7euser/%2fx%2F", "http://example.com/~user/%2Fx%2F")]
    [InlineData("http://example.com/a b", "http://example.com/a%20b")]
    [InlineData("http://example.com/ä", "http://example.com/%C3%A4")]
    [InlineData("http://example.com/100%", "http://example.com/100%25")]
    [InlineData("http://example.com/p?q=1&r=%7e#frag", "http://example.com/p?q=1&r=~")]
    [InlineData("http://example.com/#only-fragment", "http://example.com/")]
    [InlineData("http://bücher.example/login", "http://xn--bcher-kva.example/login")]
    [InlineData("http://[2001:DB8::0001]:8080/x", "http://[2001:db8::1]:8080/x")]
    [InlineData("http://192.0.2.1/x", "http://192.0.2.1/x")]
    [InlineData("http://user:Pass@example.com/", "http://user:Pass@example.com/")]
    [InlineData("hxxp://evil[.]example[.]com/payload", "http://evil.example.com/payload")]
    [InlineData("hxxps://evil.example.com", "https://evil.example.com/")]
    [InlineData("ftp://files.example.com:21/x", "ftp://files.example.com/x")]
    public void TryNormalize_ValidUrl_ReturnsNormalForm(string input, string expected)
    {
        Assert.True(IndicatorValueNormalizer.TryNormalize(V1.IndicatorType.Url, input, out var value, out var reason), reason);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("example.com/path")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:a@example.com")]
    [InlineData("http://")]
    [InlineData("http://example.com:0/")]
    [InlineData("http://example.com:65536/")]
    [InlineData("http://example.com:port/")]
    [InlineData("http://[2001:db8::1/x")]
    [InlineData("http://[::g]/x")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://example.com/\u0001")]
    [InlineData("http://localhost/")]
    public void TryNormalize_InvalidUrl_ReturnsReason(string input)
    {
        Assert.False(UrlNormalizer.TryNormalize(input, out _, out var reason));
        Assert.StartsWith("not a URL", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_LongerThan2048AfterNormalization_IsRefused()
    {
        Assert.False(UrlNormalizer.TryNormalize("http://example.com/" + new string('a', 2100), out _, out var reason));
        Assert.Contains("2048", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a/b/c/./../../g", "/a/g")]
    [InlineData("mid/content=5/../6", "mid/6")]
    [InlineData("/.", "/")]
    [InlineData("/a/..", "/")]
    [InlineData("", "")]
    public void Remove_Rfc3986Examples_MatchTheSpec(string path, string expected)
    {
        Assert.Equal(expected, UrlDotSegments.Remove(path));
    }
}
