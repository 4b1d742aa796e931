using CyberPledge.Interop.Tests.Infrastructure;

namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>
/// The gRPC C-core interop server (tests/Interop/python/server.py on Debian's python3-grpcio) as a child process on a
/// free loopback port. Fails with what to install when the Debian packages are missing.
/// </summary>
public sealed class PythonGrpcServerFixture() : PeerServerFixture(InteropPeer.PythonGrpc);
