using System.Net;
using CyberPledge.Gateway.Health;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace CyberPledge.Gateway.Routing;

/// <summary>
/// YARP's routes and clusters from the gateway's settings: each backend's gRPC service prefixes to that backend, over
/// HTTP/2 (cleartext on loopback or a private interface), with no X-Forwarded headers (the services trust only the
/// forwarded identity) and a stream idle time long enough for a quiet feed.
/// </summary>
internal sealed class GatewayProxyConfig(IOptions<GatewayOptions> options) : IProxyConfigProvider
{
    private readonly Lazy<IProxyConfig> _config = new(() => Build(options.Value));

    public IProxyConfig GetConfig() => _config.Value;

    /// <summary>Where the Federation service serves TAXII 2.1 (docs/taxii.md): discovery and its API root.</summary>
    public const string TaxiiPrefix = "/taxii2/";

    /// <summary>
    /// The path prefixes of a backend: its settings, or <c>/cyberpledge.v1.&lt;name&gt;/</c>, and for Federation also
    /// <see cref="TaxiiPrefix"/>, forwarded with the same caller proof and identity as its gRPC calls.
    /// </summary>
    public static IReadOnlyList<string> PrefixesOf(string name, GatewayBackendOptions backend) =>
        backend.PathPrefixes.Count > 0 ? backend.PathPrefixes
        : string.Equals(name, GatewayOptions.FederationBackend, StringComparison.OrdinalIgnoreCase) ? [$"/cyberpledge.v1.{name}/", TaxiiPrefix]
        : [$"/cyberpledge.v1.{name}/"];

    private static StaticConfig Build(GatewayOptions options)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (name, backend) in options.Backends)
        {
            foreach (var prefix in PrefixesOf(name, backend))
            {
                routes.Add(new RouteConfig
                {
                    RouteId = name + prefix,
                    ClusterId = name,
                    // The gateway proves every caller itself (ForwardedCall), with gRPC statuses rather than HTTP challenges.
                    AuthorizationPolicy = "anonymous",
                    Match = new RouteMatch { Path = prefix + "{**method}" },
                    Metadata = backend.AllowAnonymous ? new Dictionary<string, string> { [ForwardedCall.AllowAnonymousMetadata] = "true" } : null,
                    Transforms = [new Dictionary<string, string> { ["X-Forwarded"] = "Off" }],
                });
            }

            var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
            for (var replica = 0; replica < backend.Addresses.Count; replica++)
            {
                destinations[ReplicaHealth.DestinationId(name, replica)] = new DestinationConfig { Address = backend.Addresses[replica] };
            }

            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                Destinations = destinations,
                // Balanced over the replicas that answer SERVING (NodeHealth probes each one); a stream is one request, so
                // it stays on the replica it started on.
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                HealthCheck = new HealthCheckConfig { AvailableDestinationsPolicy = ReplicaHealth.PolicyName },
                HttpRequest = new ForwarderRequestConfig
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    ActivityTimeout = options.StreamIdleTimeout,
                    AllowResponseBuffering = false,
                },
                HttpClient = new HttpClientConfig { EnableMultipleHttp2Connections = true },
            });
        }

        return new StaticConfig(routes, clusters);
    }

    private sealed class StaticConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes => routes;

        public IReadOnlyList<ClusterConfig> Clusters => clusters;

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
