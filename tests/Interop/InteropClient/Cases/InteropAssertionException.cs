namespace CyberPledge.InteropClient.Cases;

/// <summary>A case's assertion did not hold; the message says which and what was seen.</summary>
internal sealed class InteropAssertionException(string message) : Exception(message);
