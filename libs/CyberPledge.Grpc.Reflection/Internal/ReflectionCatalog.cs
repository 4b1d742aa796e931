using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Internal;

namespace Grpc.Reflection.Internal;

/// <summary>
/// The descriptor index of the services mapped so far, built on first use and rebuilt only when another service was
/// mapped since (the marker hands out a new list on every change).
/// </summary>
internal sealed class ReflectionCatalog(GrpcMarkerService marker)
{
    private Snapshot? _snapshot;

    public DescriptorIndex Current
    {
        get
        {
            var mapped = marker.MappedServices;
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is null || !ReferenceEquals(snapshot.Source, mapped))
            {
                // Two racing builders produce equal indexes: either may win.
                snapshot = new Snapshot(mapped, DescriptorIndex.Build(mapped.Select(FindDescriptor).OfType<ServiceDescriptor>()));
                Volatile.Write(ref _snapshot, snapshot);
            }
            return snapshot.Index;
        }
    }

    /// <summary>
    /// The generated static class of a protobuf service has a public static Descriptor; a service bound some other
    /// way has none and cannot be described, so it is left out.
    /// </summary>
    private static ServiceDescriptor? FindDescriptor(Type bindType) =>
        bindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ServiceDescriptor;

    private sealed record Snapshot(IReadOnlyList<Type> Source, DescriptorIndex Index);
}
