using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>The generated clients the cases call, over one channel.</summary>
internal sealed record InteropClients(TestService.TestServiceClient Test, UnimplementedService.UnimplementedServiceClient Unimplemented);
