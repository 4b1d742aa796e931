namespace Grpc.AspNetCore.Server.Internal;

/// <summary>
/// Registered by AddGrpc, so that MapGrpcService can tell when AddGrpc was forgotten; it also records which services
/// were mapped, for server reflection.
/// </summary>
internal sealed class GrpcMarkerService
{
    private readonly Lock _lock = new();
    private Type[] _mappedServices = [];

    /// <summary>Set once the catch-all UNIMPLEMENTED endpoints are mapped, so they are mapped once.</summary>
    public bool UnimplementedServiceMapped { get; set; }

    /// <summary>
    /// The generated static class (BindServiceMethodAttribute.BindType, e.g. Health) of every mapped service, in
    /// mapping order, each once. A new array on every change, so a reader can cache what it built from one.
    /// </summary>
    public IReadOnlyList<Type> MappedServices => Volatile.Read(ref _mappedServices);

    /// <summary>Records a mapped service by its generated static class; a second mapping of it changes nothing.</summary>
    public void AddMappedService(Type bindType)
    {
        lock (_lock)
        {
            if (!_mappedServices.Contains(bindType))
            {
                Volatile.Write(ref _mappedServices, [.. _mappedServices, bindType]);
            }
        }
    }
}
