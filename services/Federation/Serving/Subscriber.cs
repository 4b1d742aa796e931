namespace CyberPledge.Federation.Serving;

/// <summary>One subscriber of the feed: its grantee nation, and the origins it receives directly (not relayed to it, Decision 6).</summary>
internal sealed record Subscriber(string Nation, IReadOnlySet<string> DirectOrigins);
