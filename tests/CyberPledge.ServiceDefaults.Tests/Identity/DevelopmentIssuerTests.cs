using CyberPledge.ServiceDefaults.Identity;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>The development issuer: only in Development (SECURITY.md rule 12), its key kept owner-only.</summary>
public sealed class DevelopmentIssuerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"dev-issuer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Identity:Audience"] = Issuers.Audience,
        ["Identity:DevelopmentIssuer:Enabled"] = "true",
        ["Identity:DevelopmentIssuer:KeyDirectory"] = _directory,
    };

    [Fact]
    public void Open_ProductionEnvironment_RefusesNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DevelopmentIssuer.Open(_directory, Issuers.Audience, new FakeHostEnvironment("Production")));

        Assert.StartsWith("Identity:DevelopmentIssuer:Enabled: the development issuer runs only in the Development environment", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public async Task StartAsync_EnabledOutsideDevelopment_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            IdentityTestHost.StartAsync(null, environment: "Staging", settings: Settings()));

        Assert.Contains(error.Failures, e => e.StartsWith("Identity:DevelopmentIssuer:Enabled: the development issuer runs only in the Development environment (this host: Staging)", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Open_NewDirectory_KeyOwnerOnlyAndKeptAcrossOpens()
    {
        using var first = DevelopmentIssuer.Open(_directory, Issuers.Audience, new FakeHostEnvironment("Development"));
        using var second = DevelopmentIssuer.Open(_directory, Issuers.Audience, new FakeHostEnvironment("Development"));

        Assert.Equal(first.PublicKeyPem, second.PublicKeyPem);
        Assert.Equal("*\n", File.ReadAllText(Path.Combine(_directory, ".gitignore")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.KeyFile));
        }
    }

    [Fact]
    public void Open_KeyReadableByOthers_Refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using (var issuer = DevelopmentIssuer.Open(_directory, Issuers.Audience, new FakeHostEnvironment("Development")))
        {
            File.SetUnixFileMode(issuer.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        var error = Assert.Throws<InvalidOperationException>(() =>
            DevelopmentIssuer.Open(_directory, Issuers.Audience, new FakeHostEnvironment("Development")));

        Assert.Contains("open to other users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_EnabledInDevelopment_ItsTokensActAsInternalIssuer()
    {
        await using var host = await IdentityTestHost.StartAsync(null, environment: "Development", settings: Settings());
        var issuer = host.Services.GetRequiredService<DevelopmentIssuer>();

        var admin = await host.Client.UnaryCallAsync(new SimpleRequest(),
            new Metadata { { "authorization", "Bearer " + issuer.Issue("alice", [Roles.Admin], TimeSpan.FromMinutes(1)) } });
        var federation = await host.Client.CacheableUnaryCallAsync(new SimpleRequest(),
            new Metadata { { "authorization", "Bearer " + issuer.Issue("federation", [Roles.FederationService], TimeSpan.FromMinutes(1)) } });

        Assert.Equal("alice", admin.Username);
        Assert.Equal("service:federation", federation.OauthScope);
    }

    [Fact]
    public async Task StartAsync_EnabledBesideAnInternalIssuer_TrustedForPeopleNotServices()
    {
        using var keys = new Issuers();
        await using var host = await IdentityTestHost.StartAsync(
            options => options.InternalIssuer = new IssuerKeyOptions { Issuer = keys.Internal.Issuer, PublicKeyPem = keys.Internal.PublicKeyPem },
            environment: "Development", settings: Settings());
        var issuer = host.Services.GetRequiredService<DevelopmentIssuer>();
        var token = issuer.Issue("alice", [Roles.Admin, Roles.FederationService], TimeSpan.FromMinutes(1));

        var admin = await host.Client.UnaryCallAsync(new SimpleRequest(), new Metadata { { "authorization", "Bearer " + token } });
        var federation = await Assert.ThrowsAsync<RpcException>(() =>
            host.Client.CacheableUnaryCallAsync(new SimpleRequest(), new Metadata { { "authorization", "Bearer " + token } }).ResponseAsync);

        Assert.Equal("admin", admin.OauthScope);
        Assert.Equal(StatusCode.PermissionDenied, federation.StatusCode);
    }
}
