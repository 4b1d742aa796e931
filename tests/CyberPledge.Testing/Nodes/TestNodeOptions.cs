namespace CyberPledge.Testing.Nodes;

/// <summary>How <see cref="TestNode"/> starts a node.</summary>
public sealed class TestNodeOptions
{
    /// <summary>The node's nation (ISO alpha-3).</summary>
    public string Nation { get; init; } = "NLD";

    /// <summary>The environment the gateway runs in: Production unless a test needs a development-only route.</summary>
    public string GatewayEnvironment { get; init; } = "Production";

    /// <summary>Gateway settings beyond the node's own (environment variable names, e.g. <c>Gateway__RateLimits__User__Burst</c>).</summary>
    public IReadOnlyDictionary<string, string?> GatewaySettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Whether the node's Indicators service runs (the gateway's interop tests need only Partners).</summary>
    public bool StartIndicators { get; init; } = true;

    /// <summary>
    /// Further Indicators processes behind the gateway as replicas of the first (each on its own SQLite store, so a test
    /// can tell them apart by their feed ids); none by default.
    /// </summary>
    public int ExtraIndicatorsReplicas { get; init; }

    /// <summary>Whether the node's Federation service runs (and the gateway routes to it).</summary>
    public bool StartFederation { get; init; }

    /// <summary>Federation settings beyond the node's own (environment variable names, e.g. <c>Federation__Links__RejectionLimit</c>).</summary>
    public IReadOnlyDictionary<string, string?> FederationSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Environment variables for all four processes, e.g. runtime settings that cut each process's cost when many nodes
    /// share one machine (<c>DOTNET_gcServer=0</c>); none by default.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ProcessEnvironment { get; init; } = new Dictionary<string, string?>();
}
