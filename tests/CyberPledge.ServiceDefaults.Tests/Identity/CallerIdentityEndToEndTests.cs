using CyberPledge.ServiceDefaults.Identity;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>Tokens against a real host through our gRPC client: 401 is UNAUTHENTICATED, 403 PERMISSION_DENIED.</summary>
public sealed class CallerIdentityEndToEndTests(CallerIdentityEndToEndTests.Fixture fixture) : IClassFixture<CallerIdentityEndToEndTests.Fixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private Issuers Keys => fixture.Keys;

    private TestService.TestServiceClient Client => fixture.Host.Client;

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return error.StatusCode;
    }

    private Task<StatusCode> AdminCallStatus(string token) =>
        StatusOf(() => Client.UnaryCallAsync(new SimpleRequest(), Bearer(token)).ResponseAsync);

    private Task<StatusCode> FederationCallStatus(string token) =>
        StatusOf(() => Client.CacheableUnaryCallAsync(new SimpleRequest(), Bearer(token)).ResponseAsync);

    [Fact]
    public async Task AdminMethod_AdminToken_OkWithSubjectAndRoles()
    {
        var token = Keys.Nation.Mint("alice", [Roles.Admin], Issuers.Audience, Minute);

        var response = await Client.UnaryCallAsync(new SimpleRequest(), Bearer(token));
        var again = await Client.UnaryCallAsync(new SimpleRequest(), Bearer(token));

        Assert.Equal("alice", response.Username);
        Assert.Equal("admin", response.OauthScope);
        Assert.Equal(response, again);
    }

    [Fact]
    public async Task AdminMethod_NoToken_Unauthenticated()
    {
        var status = await StatusOf(() => Client.UnaryCallAsync(new SimpleRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task AdminMethod_ExpiredToken_Unauthenticated()
    {
        var token = Keys.Nation.Mint("alice", [Roles.Admin], Issuers.Audience, Minute, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(StatusCode.Unauthenticated, await AdminCallStatus(token));
    }

    [Fact]
    public async Task AdminMethod_UntrustedIssuer_Unauthenticated()
    {
        var token = Keys.Stranger.Mint("mallory", [Roles.Admin], Issuers.Audience, Minute);

        Assert.Equal(StatusCode.Unauthenticated, await AdminCallStatus(token));
    }

    [Fact]
    public async Task AdminMethod_TrustedIssuerNameWrongKey_Unauthenticated()
    {
        var token = Keys.Impostor.Mint("mallory", [Roles.Admin], Issuers.Audience, Minute);

        Assert.Equal(StatusCode.Unauthenticated, await AdminCallStatus(token));
    }

    [Fact]
    public async Task AdminMethod_WrongAudience_Unauthenticated()
    {
        var token = Keys.Nation.Mint("alice", [Roles.Admin], "partners", Minute);

        Assert.Equal(StatusCode.Unauthenticated, await AdminCallStatus(token));
    }

    [Fact]
    public async Task AdminMethod_AnalystToken_PermissionDenied()
    {
        var token = Keys.Nation.Mint("bob", [Roles.Analyst], Issuers.Audience, Minute);

        Assert.Equal(StatusCode.PermissionDenied, await AdminCallStatus(token));
    }

    [Fact]
    public async Task AdminMethod_PartnerIssuerAssertsAdmin_RoleDroppedAndLoggedPermissionDenied()
    {
        var token = Keys.PartnerJpn.Mint("kenji", ["partner:JPN", Roles.Admin], Issuers.Audience, Minute);

        Assert.Equal(StatusCode.PermissionDenied, await AdminCallStatus(token));
        var warning = Assert.Single(fixture.Host.Warnings.Entries, e => e.Contains("https://idp.jpn.example", StringComparison.Ordinal));
        Assert.Contains("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("role admin", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(token, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FederationMethod_ExternalIssuerAssertsServiceFederation_PermissionDenied()
    {
        var token = Keys.Nation.Mint("alice", [Roles.Admin, Roles.FederationService, "node:NLD:n1"], Issuers.Audience, Minute);

        Assert.Equal(StatusCode.PermissionDenied, await FederationCallStatus(token));
        // The roles the issuer may assert survive; the service: and node: ones are gone.
        var response = await Client.UnaryCallAsync(new SimpleRequest(), Bearer(token));
        Assert.Equal("admin", response.OauthScope);
    }

    [Fact]
    public async Task FederationMethod_InternalIssuerServiceFederation_Ok()
    {
        var token = Keys.Internal.Mint("federation", [Roles.FederationService], Issuers.Audience, Minute);

        var response = await Client.CacheableUnaryCallAsync(new SimpleRequest(), Bearer(token));

        Assert.Equal("service:federation", response.OauthScope);
    }

    [Fact]
    public async Task FederationMethod_InternalIssuerPeerNode_PermissionDenied()
    {
        var token = Keys.Internal.Mint("n1.nld", [Roles.Node("NLD", "n1")], Issuers.Audience, Minute);

        Assert.Equal(StatusCode.PermissionDenied, await FederationCallStatus(token));
    }

    [Fact]
    public async Task MethodWithoutAttribute_NoToken_Unauthenticated()
    {
        var status = await StatusOf(() => Client.EmptyCallAsync(new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task MethodWithoutAttribute_AnyValidToken_Ok()
    {
        var token = Keys.PartnerJpn.Mint("kenji", ["partner:JPN"], Issuers.Audience, Minute);

        await Client.EmptyCallAsync(new Empty(), Bearer(token));
    }

    [Fact]
    public async Task AllowAnonymousMethod_NoToken_Ok() => await Client.UnimplementedCallAsync(new Empty());

    [Fact]
    public async Task AdminMethod_BadSignature_Unauthenticated()
    {
        var token = Keys.Nation.Mint("alice", [Roles.Admin], Issuers.Audience, Minute);
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var flipped = token[..(token.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        Assert.Equal(StatusCode.Unauthenticated, await AdminCallStatus(flipped));
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public Issuers Keys { get; } = new();

        public IdentityTestHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await IdentityTestHost.StartAsync(Keys.Configure);

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Keys.Dispose();
        }
    }
}
