namespace CyberPledge.Indicators;

/// <summary>Configuration of the Indicators service (section "Indicators").</summary>
public sealed class IndicatorsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Indicators";

    /// <summary>Where the node keeps its database and signing key.</summary>
    public string DataDirectory { get; set; } = ".data/indicators";

    /// <summary>This node's nation: ISO 3166-1 alpha-2 or alpha-3, upper case.</summary>
    public string Nation { get; set; } = "XX";

    /// <summary>This node's id within its nation.</summary>
    public string NodeId { get; set; } = "node-1";

    /// <summary>How long a Submit's idempotency key is remembered.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);
}
