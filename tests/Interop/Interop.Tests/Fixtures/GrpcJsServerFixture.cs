using CyberPledge.Interop.Tests.Infrastructure;

namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>The grpc-js interop server (tests/Interop/js/server.js) as a child process on a free loopback port.</summary>
public sealed class GrpcJsServerFixture() : PeerServerFixture(InteropPeer.GrpcJs);
