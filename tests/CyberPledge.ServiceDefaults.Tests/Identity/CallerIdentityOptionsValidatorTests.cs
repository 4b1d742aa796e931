using System.Security.Cryptography;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>Each configuration error names its setting, and the host refuses to start with one.</summary>
public sealed class CallerIdentityOptionsValidatorTests : IDisposable
{
    private readonly Issuers _keys = new();

    public void Dispose() => _keys.Dispose();

    private CallerIdentityOptions ValidOptions()
    {
        var options = new CallerIdentityOptions();
        _keys.Configure(options);
        return options;
    }

    private static IEnumerable<string> Errors(CallerIdentityOptions options) =>
        new CallerIdentityOptionsValidator(new FakeHostEnvironment("Production")).Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_ValidOptions_Succeeds() => Assert.Empty(Errors(ValidOptions()));

    [Fact]
    public void Validate_NoAudience_NamesAudience()
    {
        var options = ValidOptions();
        options.Audience = "";

        Assert.Contains(Errors(options), e => e.StartsWith("Identity:Audience: required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_P384Key_NamesPublicKeyPem()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var options = ValidOptions();
        options.TrustedIssuers[1].PublicKeyPem = p384.ExportSubjectPublicKeyInfoPem();

        Assert.Contains(Errors(options), e => e.StartsWith("Identity:TrustedIssuers:1:PublicKeyPem: not an EC P-256 public key", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PrivateKeyOrRsaKey_NotAPublicKey()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = ValidOptions();
        options.TrustedIssuers[0].PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem();
        options.InternalIssuer!.PublicKeyPem = ec.ExportPkcs8PrivateKeyPem();

        var errors = Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Identity:TrustedIssuers:0:PublicKeyPem: not an EC P-256 public key", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Identity:InternalIssuer:PublicKeyPem: not an EC P-256 public key", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PublicKeyFile_ReadsFileOrNamesIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"issuer-{Guid.NewGuid():N}.pem");
        File.WriteAllText(file, _keys.Nation.PublicKeyPem);
        try
        {
            var options = ValidOptions();
            options.TrustedIssuers[0].PublicKeyPem = null;
            options.TrustedIssuers[0].PublicKeyFile = file;
            Assert.Empty(Errors(options));

            options.TrustedIssuers[0].PublicKeyFile = file + ".missing";
            Assert.Contains(Errors(options), e => e.StartsWith("Identity:TrustedIssuers:0:PublicKeyFile: cannot read", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("node:*")]
    [InlineData("node:NLD:n1")]
    [InlineData("service:federation")]
    [InlineData("service:*")]
    public void Validate_NodeOrServicePatternInExternalIssuer_NamesPattern(string pattern)
    {
        var options = ValidOptions();
        options.TrustedIssuers[1].AllowedRoles.Add(pattern);

        Assert.Contains(Errors(options), e => e.StartsWith($"Identity:TrustedIssuers:1:AllowedRoles:1: '{pattern}': node: and service: roles come only from", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("partner:JP")]
    [InlineData("partner:jpn")]
    [InlineData("Admin")]
    [InlineData("*")]
    [InlineData("")]
    public void Validate_MalformedPattern_NamesPattern(string pattern)
    {
        var options = ValidOptions();
        options.TrustedIssuers[0].AllowedRoles.Add(pattern);

        Assert.Contains(Errors(options), e => e.StartsWith($"Identity:TrustedIssuers:0:AllowedRoles:2: '{pattern}' is not a role pattern", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SameIssuerTwice_NamesSecond()
    {
        var options = ValidOptions();
        options.TrustedIssuers.Add(Issuers.Trusted(_keys.Nation, Roles.Admin));

        Assert.Contains(Errors(options), e => e.StartsWith("Identity:TrustedIssuers:2:Issuer: 'https://idp.nld.example' is configured more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoIssuerAndNoAllowedRoles_NamesBoth()
    {
        var options = new CallerIdentityOptions { Audience = "indicators" };
        Assert.Contains(Errors(options), e => e.StartsWith("Identity:TrustedIssuers: no issuer is trusted", StringComparison.Ordinal));

        options.TrustedIssuers.Add(Issuers.Trusted(_keys.Nation));
        Assert.Contains(Errors(options), e => e.StartsWith("Identity:TrustedIssuers:0:AllowedRoles: required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_InvalidSettings_RefusesToStartNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Audience"] = "indicators",
            ["Identity:TrustedIssuers:0:Issuer"] = "https://idp.jpn.example",
            ["Identity:TrustedIssuers:0:PublicKeyPem"] = "not a key",
            ["Identity:TrustedIssuers:0:AllowedRoles:0"] = "partner:JPN",
            ["Identity:TrustedIssuers:0:AllowedRoles:1"] = "node:*",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => IdentityTestHost.StartAsync(null, settings: settings));

        Assert.Contains(error.Failures, e => e.StartsWith("Identity:TrustedIssuers:0:PublicKeyPem: not an EC P-256 public key", StringComparison.Ordinal));
        Assert.Contains(error.Failures, e => e.StartsWith("Identity:TrustedIssuers:0:AllowedRoles:1: 'node:*'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_SettingsFromConfiguration_TrustsTheIssuer()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Audience"] = Issuers.Audience,
            ["Identity:TrustedIssuers:0:Issuer"] = _keys.Nation.Issuer,
            ["Identity:TrustedIssuers:0:PublicKeyPem"] = _keys.Nation.PublicKeyPem,
            ["Identity:TrustedIssuers:0:AllowedRoles:0"] = "admin",
        };
        await using var host = await IdentityTestHost.StartAsync(null, settings: settings);
        var token = _keys.Nation.Mint("alice", [Roles.Admin], Issuers.Audience, TimeSpan.FromMinutes(1));

        var response = await host.Client.UnaryCallAsync(new Grpc.Testing.SimpleRequest(), new Grpc.Core.Metadata { { "authorization", "Bearer " + token } });

        Assert.Equal("alice", response.Username);
    }
}
