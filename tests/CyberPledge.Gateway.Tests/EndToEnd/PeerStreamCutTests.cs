using System.Diagnostics;
using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>
/// Removing a peer from the registry cuts its open streams, not only its new calls. The stream is a FullDuplexCall to
/// the interop server behind the gateway's development route, held open by a peer node presenting its certificate.
/// </summary>
public sealed class PeerStreamCutTests : IAsyncLifetime
{
    private static readonly TimeSpan CutWithin = TimeSpan.FromSeconds(5);

    // grpc.testing.StreamingOutputCallRequest { response_parameters { size: 1 } }, encoded by hand: this project has no
    // generated grpc.testing types of its own.
    private static readonly byte[] OneSmallResponse = [0x12, 0x02, 0x08, 0x01];

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);
    private static readonly Method<byte[], byte[]> FullDuplexCall = new(MethodType.DuplexStreaming, "grpc.testing.TestService", "FullDuplexCall", Bytes, Bytes);

    private ChildProcess? _interopServer;
    private TestNode? _node;

    private TestNode Node => _node!;

    public async Task InitializeAsync()
    {
        _interopServer = ChildProcess.StartDotnet(RepositoryPaths.BuildOutput("tests/Interop/InteropServer", "CyberPledge.InteropServer.dll"), ["--port=0"]);
        var address = await _interopServer.WaitForListeningAsync(TimeSpan.FromSeconds(60));
        _node = await TestNode.StartAsync(new TestNodeOptions
        {
            GatewayEnvironment = "Development",
            GatewaySettings = new Dictionary<string, string?>
            {
                ["Gateway__Backends__Interop__Address"] = address.ToString().TrimEnd('/'),
                ["Gateway__Backends__Interop__PathPrefixes__0"] = "/grpc.testing.TestService/",
                ["Gateway__Backends__Interop__AllowAnonymous"] = "true",
                ["Gateway__Backends__Interop__PartOfNode"] = "false",
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_interopServer is not null)
        {
            await _interopServer.DisposeAsync();
        }
    }

    [Fact]
    public async Task OpenStream_PeerRemovedFromRegistry_EndsUnauthenticatedWithinSeconds()
    {
        using var sweden = TestNation.Create("SWE", Node.Directory);
        using var admin = Node.GatewayChannel();
        var partners = Calls.Partners(admin, Node.UserToken("root", Roles.Admin));
        await partners.AddPeerAsync(new AddPeerRequest { Peer = sweden.AsPeer() }, deadline: Calls.Deadline);
        using var channel = Node.GatewayChannel(sweden.Node);
        await Eventually.Reach(() => Calls.StatusOf(() => Calls.Indicators(channel).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync), StatusCode.OK, CutWithin);

        using var stream = channel.CreateCallInvoker().AsyncDuplexStreamingCall(FullDuplexCall, null, new CallOptions());
        await stream.RequestStream.WriteAsync(OneSmallResponse);
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
        var removed = Stopwatch.StartNew();
        await partners.RemovePeerAsync(new RemovePeerRequest { Nation = "SWE" }, deadline: Calls.Deadline);

        var ended = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(CutWithin));

        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.True(removed.Elapsed < CutWithin);
    }
}
