namespace CyberPledge.Gateway;

/// <summary>Configuration of the gateway (section "Gateway"), checked when it starts (docs/gateway.md).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>The backend the peer registry is read from (and followed as it changes).</summary>
    public const string PartnersBackend = "Partners";

    /// <summary>The Federation backend: its gRPC service, and the TAXII server under /taxii2/.</summary>
    public const string FederationBackend = "Federation";

    /// <summary>The services every node has, and where they listen unless told otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultBackends = new Dictionary<string, string>
    {
        ["Indicators"] = "http://127.0.0.1:5180",
        [PartnersBackend] = "http://127.0.0.1:5181",
        ["Federation"] = "http://127.0.0.1:5182",
    };

    /// <summary>The node certificate the gateway presents (PEM), issued by the nation's CA with the gateway's host names.</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>The node certificate's private key (PKCS#8 PEM).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>
    /// The node's internal issuer private key (PKCS#8 PEM): the gateway signs the forwarded identity of every verified
    /// caller with it (issuer name <c>Identity:InternalIssuer:Issuer</c>), and its own calls to Partners.
    /// </summary>
    public string InternalKeyFile { get; set; } = "";

    /// <summary>The issuer name of the forwarded identities: the services' <c>Identity:InternalIssuer:Issuer</c>.</summary>
    public string InternalIssuer { get; set; } = "";

    /// <summary>The audience the node's services accept (their <c>Identity:Audience</c>); the gateway's own audience if empty.</summary>
    public string ForwardAudience { get; set; } = "";

    /// <summary>
    /// The services behind the gateway, by name. Each is reached at its Address for the gRPC services named in
    /// its PathPrefixes (default: <c>/cyberpledge.v1.&lt;name&gt;/</c>).
    /// </summary>
    public Dictionary<string, GatewayBackendOptions> Backends { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per-caller token buckets.</summary>
    public GatewayRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>HTTP Basic on the TAXII route: the failed sign-in throttle and the cache of successful checks.</summary>
    public TaxiiBasicOptions TaxiiBasic { get; set; } = new();

    /// <summary>The largest gRPC message a caller may send (bytes): 24 MiB, Indicators' largest Submit, unless set.</summary>
    public int MaxMessageBytes { get; set; } = 24 * 1024 * 1024;

    /// <summary>The largest request body of a call that is not gRPC (bytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// How long a forwarded call may go without a byte in either direction before the gateway ends it; long enough
    /// for a quiet feed (streams pass through for hours).
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the gateway asks each service behind it for its health.</summary>
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>One service behind the gateway.</summary>
public sealed class GatewayBackendOptions
{
    /// <summary>Where it listens: http://127.0.0.1:5180 (cleartext HTTP/2 on loopback or a private interface).</summary>
    public string Address { get; set; } = "";

    /// <summary>
    /// Further replicas of the same service (on the same store), each an address like <see cref="Address"/>: calls are
    /// balanced over every replica that answers SERVING, and a stream stays on the replica it started on.
    /// </summary>
    public List<string> Replicas { get; } = [];

    /// <summary>Every replica's address: <see cref="Address"/>, then <see cref="Replicas"/>.</summary>
    public IReadOnlyList<string> Addresses => [Address, .. Replicas];

    /// <summary>The request paths it serves, each a gRPC service prefix such as <c>/cyberpledge.v1.Indicators/</c>.</summary>
    public List<string> PathPrefixes { get; } = [];

    /// <summary>
    /// Forward callers without credentials too (as no one). Only in the Development environment, for the interop
    /// test programs (DESIGN.md Decision 12); the gateway refuses to start with it anywhere else.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Whether its health counts toward the node's (default true; a test service does not).</summary>
    public bool PartOfNode { get; set; } = true;
}

/// <summary>Token buckets per caller kind: each caller (a peer node, a partner, a user, an anonymous address) has its own.</summary>
public sealed class GatewayRateLimitOptions
{
    /// <summary>Each peer node (by its certificate's nation and node id).</summary>
    public TokenBucketOptions Peer { get; set; } = new() { PermitsPerSecond = 5_000, Burst = 10_000 };

    /// <summary>Each partner identity (a person or application with a <c>partner:</c> role).</summary>
    public TokenBucketOptions Partner { get; set; } = new() { PermitsPerSecond = 200, Burst = 400 };

    /// <summary>Each of the nation's own people and applications.</summary>
    public TokenBucketOptions User { get; set; } = new() { PermitsPerSecond = 2_000, Burst = 4_000 };

    /// <summary>Each remote address calling without credentials (health probes, anonymous development routes).</summary>
    public TokenBucketOptions Anonymous { get; set; } = new() { PermitsPerSecond = 100, Burst = 200 };
}

/// <summary>A token bucket: <see cref="PermitsPerSecond"/> calls a second on average, <see cref="Burst"/> at once.</summary>
public sealed class TokenBucketOptions
{
    /// <summary>Refill rate, calls per second.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Bucket size: the most calls accepted at once after a quiet spell.</summary>
    public int Burst { get; set; }
}

/// <summary>HTTP Basic on the TAXII route (SECURITY.md rule 10, docs/gateway.md "TAXII Basic").</summary>
public sealed class TaxiiBasicOptions
{
    /// <summary>Failed (or pending) sign-ins a source may have in <see cref="FailureWindow"/> before it gets 429 without a check.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>The window failures are counted in; a throttled source waits until it ends.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a successful check is reused (by the credential's SHA-256): the most a revoked credential keeps working.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(60);
}
