namespace CyberPledge.InteropClient.Cases;

/// <summary>One client test case of the gRPC interop test description.</summary>
internal interface IInteropCase
{
    /// <summary>The case's name in the description, e.g. <c>large_unary</c>.</summary>
    string Name { get; }

    /// <summary>Runs the procedure and checks every assertion; throws <see cref="InteropAssertionException"/> or <see cref="Grpc.Core.RpcException"/> on failure.</summary>
    Task RunAsync(InteropClients clients);
}
