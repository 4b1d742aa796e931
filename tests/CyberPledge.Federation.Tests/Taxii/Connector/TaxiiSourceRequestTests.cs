using CyberPledge.Federation.Taxii.Connector;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Taxii.Connector;

/// <summary>AddTaxiiSource's checks (INVALID_ARGUMENT naming the field) and the sealing of credentials.</summary>
public sealed class TaxiiSourceRequestTests
{
    private const string Url = "https://taxii.example.org/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/";

    [Theory]
    [InlineData("name", "", Url)]
    [InlineData("name", "nld feed", Url)]
    [InlineData("name", "nld_feed", Url)]
    [InlineData("collection_url", "nld", "http://taxii.example.org/api1/collections/c1/")]
    [InlineData("collection_url", "nld", "https://taxii.example.org/api1/collections/c1")]
    [InlineData("collection_url", "nld", "https://taxii.example.org/api1/collections/")]
    [InlineData("collection_url", "nld", "https://taxii.example.org/api1/collections/c1/objects/")]
    [InlineData("collection_url", "nld", "https://user:pw@taxii.example.org/api1/collections/c1/")]
    [InlineData("collection_url", "nld", "https://taxii.example.org/api1/collections/c1/?x=1")]
    [InlineData("collection_url", "nld", "taxii.example.org/api1/collections/c1/")]
    public void Check_BadNameOrUrl_InvalidArgumentNamingTheField(string field, string name, string url) =>
        AssertInvalid(field, new AddTaxiiSourceRequest { Name = name, CollectionUrl = url });

    [Fact]
    public void Check_BadCredentialsCaOrInterval_InvalidArgumentNamingTheField()
    {
        AssertInvalid("bearer_token", new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, Username = "u", Password = "p", BearerToken = "t" });
        AssertInvalid("username", new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, Password = "p" });
        AssertInvalid("username", new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, Username = "a:b", Password = "p" });
        AssertInvalid("bearer_token", new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, BearerToken = "t\r\nX-Injected: 1" });
        AssertInvalid("ca_certificate_pem", new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, CaCertificatePem = "not a certificate" });
        AssertInvalid("ca_certificate_pem", new AddTaxiiSourceRequest
        {
            Name = "nld", CollectionUrl = Url, CaCertificatePem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        });
        AssertInvalid("poll_interval", new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, PollInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(500)) });
    }

    [Fact]
    public void Check_Valid_DefaultIntervalFiveMinutes_KindOfCredentials()
    {
        var (basic, interval) = TaxiiSourceRequest.Check(new AddTaxiiSourceRequest { Name = "nld-cert", CollectionUrl = Url, Username = "u", Password = "p" });
        var (bearer, _) = TaxiiSourceRequest.Check(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, BearerToken = "t" });
        var (none, _) = TaxiiSourceRequest.Check(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url });

        Assert.Equal(TimeSpan.FromMinutes(5), interval);
        Assert.Equal(("basic", "bearer", "none"), (basic.Kind, bearer.Kind, none.Kind));
        Assert.Equal("Basic dTpw", basic.AuthorizationHeader());
        Assert.Equal("Bearer t", bearer.AuthorizationHeader());
        Assert.Equal("basic", basic.ToString());
    }

    [Fact]
    public async Task Seal_RoundTrips_NeverInClear_BoundToTheSourceName()
    {
        var sealer = new TaxiiCredentialSealer(new MemoryFederationStore());
        var credentials = new TaxiiCredentials("alice", "correct horse battery staple");

        var sealedBytes = await sealer.SealAsync("nld", credentials, default);

        Assert.Equal(credentials, await sealer.UnsealAsync("nld", sealedBytes, default));
        Assert.DoesNotContain("horse", System.Text.Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => sealer.UnsealAsync("fra", sealedBytes, default));
    }

    private static void AssertInvalid(string field, AddTaxiiSourceRequest request)
    {
        var e = Assert.Throws<RpcException>(() => TaxiiSourceRequest.Check(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
    }
}
