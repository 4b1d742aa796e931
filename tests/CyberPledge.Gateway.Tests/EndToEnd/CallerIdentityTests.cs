using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using System.Text.RegularExpressions;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>
/// Who gets through the gateway, with real processes (Gateway, Indicators, Partners) and certificates and tokens made
/// at test time: people and applications by their identity provider's token, peers by their certificate.
/// </summary>
public sealed class CallerIdentityTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Call_AnalystTokenOfNationsIssuer_ReachesIndicators()
    {
        using var channel = Node.GatewayChannel();
        var analyst = Calls.Indicators(channel, Node.UserToken("ana", Roles.Analyst));

        var submitted = await analyst.SubmitAsync(Submissions.Ipv4Batch(900_000, 1), deadline: Calls.Deadline);
        var identity = await analyst.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline);

        Assert.Single(submitted.Results);
        Assert.Equal(Node.Identity.Nation, identity.Origin.Nation);
    }

    [Fact]
    public async Task Call_NoToken_IsUnauthenticated()
    {
        using var channel = Node.GatewayChannel();

        var status = await Calls.StatusOf(() => Calls.Indicators(channel).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task Call_PartnerTokenOnAdminMethod_IsPermissionDenied()
    {
        using var channel = Node.GatewayChannel();
        var japan = Calls.Partners(channel, Node.PartnerToken());

        var status = await Calls.StatusOf(() => japan.AddPeerAsync(new AddPeerRequest { Peer = new Peer { Nation = "JPN" } }, deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, status);
    }

    [Fact]
    public async Task Call_PartnerIssuerAssertingAdmin_IsPermissionDeniedOnAdminMethod()
    {
        using var channel = Node.GatewayChannel();
        var forged = Node.PartnerIssuer.Mint("jpn-app", ["partner:JPN", Roles.Admin], TestTokens.Audience, TimeSpan.FromHours(1));

        var status = await Calls.StatusOf(() => Calls.Partners(channel, forged).AddPeerAsync(new AddPeerRequest { Peer = new Peer { Nation = "JPN" } }, deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, status);
    }

    [Fact]
    public async Task Call_CallerSuppliedIdentityHeaders_AreIgnored()
    {
        using var channel = Node.GatewayChannel();
        var japan = Calls.Partners(channel, Node.PartnerToken());
        var claims = new Metadata
        {
            { "x-cyberpledge-roles", "admin" },
            { "x-cyberpledge-caller", "node:NLD:node-1" },
            { "x-forwarded-client-cert", "Hash=00;Subject=\"CN=node-1,O=NLD\"" },
            { "x-forwarded-user", "admin" },
        };

        var status = await Calls.StatusOf(() => japan.AddPeerAsync(new AddPeerRequest { Peer = new Peer { Nation = "JPN" } }, claims, Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, status);
    }

    [Fact]
    public async Task Call_TokenSignedWithNodesInternalKey_IsUnauthenticatedAtTheGateway()
    {
        // What the services trust from their gateway is not a credential a caller may present at the door.
        using var channel = Node.GatewayChannel();

        var status = await Calls.StatusOf(() => Calls.Partners(channel, Node.Tokens.Admin).ListPeersAsync(new ListPeersRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task Call_HttpBasicOnAGrpcRoute_IsUnauthenticatedWithoutACheck()
    {
        // Basic is the TAXII route's alone (docs/gateway.md "TAXII Basic"): a gRPC call is refused before any check.
        using var channel = Node.GatewayChannel();
        var basic = new Metadata { { "authorization", "Basic " + Convert.ToBase64String("taxii-0123456789abcdef:secret"u8) } };

        var refusal = await Assert.ThrowsAsync<RpcException>(() => Calls.Partners(channel).ListPeersAsync(new ListPeersRequest(), basic, Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
        Assert.Equal("HTTP Basic is accepted on the TAXII route only", refusal.Status.Detail);
    }

    [Fact]
    public async Task Call_TokenOfUntrustedIssuer_IsUnauthenticated()
    {
        using var channel = Node.GatewayChannel();
        using var stranger = TokenMinter.CreateWithNewKey(Node.NationIssuer.Issuer);
        var token = stranger.Mint("mallory", [Roles.Admin], TestTokens.Audience, TimeSpan.FromHours(1));

        var status = await Calls.StatusOf(() => Calls.Partners(channel, token).ListPeersAsync(new ListPeersRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task DirectCall_ToServiceWithoutGateway_IsUnauthenticated()
    {
        using var direct = TestNode.DirectChannel(Node.Indicators);
        var withIdpToken = Calls.Indicators(direct, Node.UserToken("ana", Roles.Analyst));
        using var forger = TokenMinter.CreateWithNewKey(Node.Tokens.Internal.Issuer);
        var withForgedInternal = Calls.Indicators(direct, forger.Mint("ana", [Roles.Analyst], TestTokens.Audience, TimeSpan.FromMinutes(1)));

        var idp = await Calls.StatusOf(() => withIdpToken.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);
        var forged = await Calls.StatusOf(() => withForgedInternal.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);
        var none = await Calls.StatusOf(() => Calls.Indicators(direct).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated), (idp, forged, none));
    }

    [Fact]
    public async Task Call_UnknownService_IsUnimplemented()
    {
        using var channel = Node.GatewayChannel();
        var marshaller = Marshallers.Create<Empty>(message => message.ToByteArray(), Empty.Parser.ParseFrom);
        var method = new Method<Empty, Empty>(MethodType.Unary, "cyberpledge.v1.Nothing", "Call", marshaller, marshaller);

        var status = await Calls.StatusOf(() => channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: Calls.Deadline), new Empty()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, status);
    }

    [Fact]
    public async Task AccessLog_Call_OneLineWithCallerMethodStatusAndNoToken()
    {
        using var channel = Node.GatewayChannel();
        var token = Node.UserToken("access-log-analyst", Roles.Analyst);
        await Calls.Indicators(channel, token).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline);

        var line = (await Node.Gateway.WaitForLineAsync(new Regex("^.*caller=access-log-analyst .*$"), TimeSpan.FromSeconds(10))).Value;

        Assert.Contains("method=/cyberpledge.v1.Indicators/GetNodeIdentity status=grpc 0", line, StringComparison.Ordinal);
        Assert.Matches(@"duration_ms=\d+\.\d+ bytes_in=\d+ bytes_out=\d+", line);
        Assert.DoesNotContain(token, Node.Gateway.Output, StringComparison.Ordinal);
    }
}
