namespace CyberPledge.Indicators;

/// <summary>The answer kept for a request's idempotency key.</summary>
/// <param name="Key">The client's idempotency key.</param>
/// <param name="RequestHash">SHA-256 of the request, to tell a retry from a reuse of the key.</param>
/// <param name="Response">The serialized response.</param>
/// <param name="ExpiresAt">When the record may be forgotten.</param>
public sealed record IdempotencyRecord(string Key, byte[] RequestHash, byte[] Response, DateTimeOffset ExpiresAt);
