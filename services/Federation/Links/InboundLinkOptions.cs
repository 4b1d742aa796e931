namespace CyberPledge.Federation.Links;

/// <summary>How inbound links behave (section "Federation:Links"); the defaults suit a node on a real network.</summary>
internal sealed class InboundLinkOptions
{
    public const string SectionName = "Federation:Links";

    /// <summary>Rejected versions within <see cref="RejectionWindow"/> that cut a link (SECURITY.md rule 7).</summary>
    public int RejectionLimit { get; set; } = 100;

    /// <summary>The window rejections are counted in, and the period of their aggregate log line.</summary>
    public TimeSpan RejectionWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first reconnection delay's ceiling (full jitter: the delay is random below it).</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest reconnection delay.</summary>
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay after the peer refused this node (PERMISSION_DENIED, UNAUTHENTICATED): asking again soon will not help.</summary>
    public TimeSpan FirstDeniedRetry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay after refusals.</summary>
    public TimeSpan LongestDeniedRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Versions applied through Indicators in one batch at most.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>The link's quota: versions received per second at most, as back-pressure (reading slows, nothing is refused).</summary>
    public int VersionsPerSecond { get; set; } = 20_000;

    /// <summary>The link's quota: bytes of records received per second at most, as back-pressure.</summary>
    public long BytesPerSecond { get; set; } = 32L * 1024 * 1024;

    /// <summary>One origin nation's quota, shared by every link carrying its verified versions: versions per second.</summary>
    public int OriginVersionsPerSecond { get; set; } = 20_000;

    /// <summary>One origin nation's quota, shared by every link carrying its verified versions: bytes per second.</summary>
    public long OriginBytesPerSecond { get; set; } = 32L * 1024 * 1024;

    /// <summary>HTTP/2 PINGs after this much silence, so a vanished peer is noticed (grpc doc/keepalive.md).</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a PING may go unanswered before the connection is dropped.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of Hello.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One message per bad setting, each naming it.</summary>
    internal IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new (string, long)[]
                 {
                     (nameof(RejectionLimit), RejectionLimit), (nameof(BatchSize), BatchSize), (nameof(VersionsPerSecond), VersionsPerSecond),
                     (nameof(BytesPerSecond), BytesPerSecond), (nameof(OriginVersionsPerSecond), OriginVersionsPerSecond),
                     (nameof(OriginBytesPerSecond), OriginBytesPerSecond),
                 })
        {
            if (value < 1)
            {
                yield return $"{SectionName}:{name}: must be at least 1";
            }
        }
    }
}
