using System.Collections.Concurrent;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace CyberPledge.Gateway.Health;

/// <summary>
/// Which replica of each service answers SERVING to the gateway's gRPC health probes (NodeHealth), and the forwarder's
/// choice of replicas from it: a call goes to a replica that serves (or one not probed yet); while none serves, to any
/// of them, so the caller gets the service's own error rather than the gateway's. A replica stops getting new calls
/// as soon as a probe finds it not serving; calls and streams already on it stay there.
/// </summary>
internal sealed class ReplicaHealth : IAvailableDestinationsPolicy
{
    /// <summary>The name the clusters' health check configuration gives this policy.</summary>
    public const string PolicyName = "GrpcServing";

    private readonly ConcurrentDictionary<string, bool> _serving = new(StringComparer.Ordinal);

    public string Name => PolicyName;

    /// <summary>The destination id of a service's replica in YARP's configuration.</summary>
    public static string DestinationId(string backend, int replica) => $"{backend}/{replica}";

    /// <summary>Records a probe's answer; true when it changed what the replica was known as.</summary>
    public bool Report(string destinationId, bool serving) =>
        !_serving.TryGetValue(destinationId, out var before) ? _serving.TryAdd(destinationId, serving) : before != serving && _serving.TryUpdate(destinationId, serving, before);

    public IReadOnlyList<DestinationState> GetAvailalableDestinations(ClusterConfig config, IReadOnlyList<DestinationState> allDestinations)
    {
        ArgumentNullException.ThrowIfNull(allDestinations);
        if (allDestinations.Count <= 1)
        {
            return allDestinations;
        }

        var serving = new List<DestinationState>(allDestinations.Count);
        foreach (var destination in allDestinations)
        {
            if (!_serving.TryGetValue(destination.DestinationId, out var known) || known)
            {
                serving.Add(destination);
            }
        }

        return serving.Count > 0 ? serving : allDestinations;
    }
}
