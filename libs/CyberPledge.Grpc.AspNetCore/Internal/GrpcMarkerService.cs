namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Registered by AddGrpc, so that MapGrpcService can tell when AddGrpc was forgotten.</summary>
internal sealed class GrpcMarkerService
{
    /// <summary>Set once the catch-all UNIMPLEMENTED endpoints are mapped, so they are mapped once.</summary>
    public bool UnimplementedServiceMapped { get; set; }
}
