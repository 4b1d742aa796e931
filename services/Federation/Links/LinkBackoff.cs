namespace CyberPledge.Federation.Links;

/// <summary>
/// Exponential backoff with full jitter (the delay is uniform below a ceiling that doubles per failure), so links to a
/// peer that comes back do not all knock at once. A refusal by the peer uses its own, longer, ceilings.
/// </summary>
internal sealed class LinkBackoff(InboundLinkOptions options, Random random)
{
    private int _failures;

    /// <summary>The delay before the next attempt after a failure.</summary>
    public TimeSpan Next(bool refusedByPeer)
    {
        var (first, longest) = refusedByPeer
            ? (options.FirstDeniedRetry, options.LongestDeniedRetry)
            : (options.FirstRetry, options.LongestRetry);
        var ceiling = first * Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        if (ceiling > longest)
        {
            ceiling = longest;
        }

        // Refusals wait at least their first delay: jitter spreads them, it must not make them eager.
        return refusedByPeer
            ? first + ((ceiling - first) * random.NextDouble())
            : ceiling * random.NextDouble();
    }

    /// <summary>A session worked: the next failure starts from the first delay again.</summary>
    public void Reset() => _failures = 0;
}
