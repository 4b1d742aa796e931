using System.Net;
using System.Text;
using CyberPledge.Gateway.Callers;
using CyberPledge.Gateway.Taxii;
using CyberPledge.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Tests.Taxii;

/// <summary>
/// HTTP Basic at the gateway (SECURITY.md rule 10): failed sign-ins throttled per source before any check, successes
/// cached by digest for a bounded time, the caller a partner of the credential's nation.
/// </summary>
public sealed class TaxiiBasicSignInTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly CountingVerifier _verifier = new();
    private readonly TaxiiBasicSignIn _signIn;

    public TaxiiBasicSignInTests() =>
        _signIn = new TaxiiBasicSignIn(_verifier, Options.Create(new GatewayOptions()), _time, NullLogger<TaxiiBasicSignIn>.Instance);

    private static HttpContext Request(string username, string password, string address = "192.0.2.7")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
        return context;
    }

    [Fact]
    public async Task SignIn_FiveFailures_SixthThrottledWithoutAnyCheck_UntilTheWindowEnds()
    {
        for (var i = 0; i < 5; i++)
        {
            var failed = await _signIn.SignInAsync(Request("taxii-a", "wrong"));
            Assert.Null(failed.Caller);
            Assert.Null(failed.RetryAfter);
        }

        _time.Advance(TimeSpan.FromSeconds(20));
        var throttled = await _signIn.SignInAsync(Request("taxii-a", "right"));
        var otherSource = await _signIn.SignInAsync(Request("taxii-a", "right", "192.0.2.8"));

        Assert.Equal(TimeSpan.FromSeconds(40), throttled.RetryAfter);
        Assert.Null(throttled.Caller);
        Assert.NotNull(otherSource.Caller);
        Assert.Equal(6, _verifier.Calls);
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.NotNull((await _signIn.SignInAsync(Request("taxii-a", "right"))).Caller);
    }

    [Fact]
    public async Task SignIn_SameIPv6Slash64_CountedAsOneSource()
    {
        for (var i = 0; i < 5; i++)
        {
            await _signIn.SignInAsync(Request("taxii-a", "wrong", $"2001:db8:1:2::{i + 1}"));
        }

        var throttled = await _signIn.SignInAsync(Request("taxii-a", "right", "2001:db8:1:2:ffff::9"));

        Assert.NotNull(throttled.RetryAfter);
        Assert.Equal(5, _verifier.Calls);
    }

    [Fact]
    public async Task SignIn_Valid_CheckedOnceWhileCached_PartnerOfItsNation_AgainAfterTheLifetime()
    {
        var first = await _signIn.SignInAsync(Request("taxii-a", "right"));
        _time.Advance(TimeSpan.FromSeconds(59));
        var cached = await _signIn.SignInAsync(Request("taxii-a", "right"));
        var otherPassword = await _signIn.SignInAsync(Request("taxii-a", "wrong"));

        Assert.Equal(2, _verifier.Calls);
        Assert.Equal(CallerKind.Partner, first.Caller!.Kind);
        Assert.Equal(["partner:JPN"], first.Caller.Roles);
        Assert.Equal("taxii-credential:taxii-a", first.Caller.Subject);
        Assert.Equal((first.Caller.Key, first.Caller.Subject, first.Caller.NotAfter), (cached.Caller!.Key, cached.Caller.Subject, cached.Caller.NotAfter));
        Assert.Equal(["partner:JPN"], cached.Caller.Roles);
        Assert.Null(otherPassword.Caller);

        _verifier.Revoked = true;
        _time.Advance(TimeSpan.FromSeconds(2));
        var afterLifetime = await _signIn.SignInAsync(Request("taxii-a", "right"));
        Assert.Equal(3, _verifier.Calls);
        Assert.Null(afterLifetime.Caller);
    }

    [Theory]
    [InlineData("Basic !!!")]
    [InlineData("Basic ")]
    [InlineData("Basic bm9jb2xvbg==")] // "nocolon"
    [InlineData("Basic OnBhc3N3b3Jk")] // ":password": no user-id
    public async Task SignIn_MalformedHeader_RefusedWithoutACheck(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;

        var result = await _signIn.SignInAsync(context);

        Assert.Null(result.Caller);
        Assert.Equal("the Basic credentials are malformed", result.Refusal);
        Assert.Equal(0, _verifier.Calls);
    }

    [Fact]
    public async Task SignIn_PartnersUnavailable_UnavailableAndNotCountedAsAFailure()
    {
        _verifier.Unavailable = true;
        for (var i = 0; i < 6; i++)
        {
            Assert.True((await _signIn.SignInAsync(Request("taxii-a", "right"))).Unavailable);
        }

        _verifier.Unavailable = false;
        Assert.NotNull((await _signIn.SignInAsync(Request("taxii-a", "right"))).Caller);
    }

    /// <summary>Partners as the gateway sees it: "right" is taxii-a's password, for JPN; counts its calls.</summary>
    private sealed class CountingVerifier : ITaxiiCredentialVerifier
    {
        public int Calls { get; private set; }

        public bool Revoked { get; set; }

        public bool Unavailable { get; set; }

        public Task<VerifiedTaxiiCredential?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
        {
            Calls++;
            if (Unavailable)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "down"));
            }

            return Task.FromResult(username == "taxii-a" && password == "right" && !Revoked
                ? new VerifiedTaxiiCredential("JPN", "taxii-credential:" + username)
                : null);
        }
    }
}
