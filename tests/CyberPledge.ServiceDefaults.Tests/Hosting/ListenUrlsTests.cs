using CyberPledge.ServiceDefaults.Hosting;

namespace CyberPledge.ServiceDefaults.Tests.Hosting;

public sealed class ListenUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5180")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("https://node.example:443/")]
    [InlineData("http://[::1]:5180")]
    [InlineData("http://127.0.0.1:5180;http://[::1]:5180")]
    public void Check_UrlsWithHostAndPort_Accepted(string urls)
    {
        Assert.Equal(urls, ListenUrls.Check(urls));
    }

    [Theory]
    [InlineData("http://127.0.0.1:")]
    [InlineData("http://127.0.0.1")]
    [InlineData("127.0.0.1:5180")]
    [InlineData("http://127.0.0.1:5180/path")]
    [InlineData("ftp://127.0.0.1:21")]
    public void Check_UrlWithoutExplicitPortOrScheme_RefusedNamingTheSetting(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ListenUrls.Check(urls));

        Assert.StartsWith("urls (--urls): ", error.Message, StringComparison.Ordinal);
    }
}
