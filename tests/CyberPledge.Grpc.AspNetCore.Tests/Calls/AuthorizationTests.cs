using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>ASP.NET Core authorization attributes on a gRPC service and its methods.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private RawGrpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(
            services =>
            {
                services.AddGrpc();
                services.AddAuthentication(HeaderRoleAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderRoleAuthenticationHandler>(HeaderRoleAuthenticationHandler.SchemeName, null);
                services.AddAuthorization();
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGrpcService<AdminOnlyService>();
            });
        _client = new RawGrpcClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private Task<RawGrpcResponse> CallAsync(string method, string? role) =>
        _client.SendAsync($"/grpc.testing.TestService/{method}", RawGrpcClient.Frame(new SimpleRequest().ToByteArray()),
            headers =>
            {
                if (role is not null)
                {
                    headers.Add("x-test-role", role);
                }
            });

    [Fact]
    public async Task ServiceRequiresRole_NoIdentity_Http401()
    {
        var response = await CallAsync("UnaryCall", role: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.HttpStatus);
    }

    [Fact]
    public async Task ServiceRequiresRole_OtherRole_Http403()
    {
        var response = await CallAsync("UnaryCall", role: "analyst");

        Assert.Equal(HttpStatusCode.Forbidden, response.HttpStatus);
    }

    [Fact]
    public async Task ServiceRequiresRole_RightRole_HandlerSeesUser()
    {
        var response = await CallAsync("UnaryCall", role: "admin");

        Assert.Equal("0", response.GrpcStatus);
        var message = SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages()).Message);
        Assert.Equal("test-user", message.Username);
    }

    [Fact]
    public async Task MethodAllowsAnonymous_OverridesServiceAttribute()
    {
        var response = await CallAsync("CacheableUnaryCall", role: null);

        Assert.Equal("0", response.GrpcStatus);
    }

    [Authorize(Roles = "admin")]
    private sealed class AdminOnlyService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
            Task.FromResult(new SimpleResponse { Username = context.GetHttpContext().User.Identity?.Name ?? "" });

        [AllowAnonymous]
        public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
            Task.FromResult(new SimpleResponse());
    }

    /// <summary>Authenticates whoever sends x-test-role, with that role: enough to exercise authorization.</summary>
    private sealed class HeaderRoleAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestRole";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var role = Request.Headers["x-test-role"].ToString();
            if (role.Length == 0)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "test-user"), new Claim(ClaimTypes.Role, role)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
