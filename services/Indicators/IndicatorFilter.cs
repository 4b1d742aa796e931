using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>Query filters, already normalized; null or empty means "any".</summary>
public sealed record IndicatorFilter
{
    /// <summary>Only this type.</summary>
    public IndicatorType? Type { get; init; }

    /// <summary>Only this normalized value.</summary>
    public string? Value { get; init; }

    /// <summary>Only indicators concerning this sector.</summary>
    public Sector? Sector { get; init; }

    /// <summary>Only this TLP marking.</summary>
    public Tlp? Tlp { get; init; }

    /// <summary>Only this origin nation.</summary>
    public string? OriginNation { get; init; }

    /// <summary>Only this origin node.</summary>
    public string? OriginNodeId { get; init; }

    /// <summary>Only versions modified at their origin at or after this time.</summary>
    public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>Lower-case substring of the value, description or a tag.</summary>
    public string? Text { get; init; }

    /// <summary>Another form of <see cref="Text"/> that matches too: the IDNA ASCII form of an internationalized domain name.</summary>
    public string? TextAlternative { get; init; }

    /// <summary>Whether revoked indicators are included.</summary>
    public bool IncludeRevoked { get; init; }

    /// <summary>Which indicators flagged by a warning list are included (SECURITY.md rule 4): all by default.</summary>
    public WarningFilter Warnings { get; init; }
}
