using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.Gateway.Callers;

/// <summary>Who a caller proved to be at the gateway.</summary>
internal enum CallerKind
{
    /// <summary>No credentials: only anonymous routes (development) and the node's health.</summary>
    Anonymous,

    /// <summary>A peer node, by a certificate that chains to the CA the registry holds for its nation.</summary>
    Peer,

    /// <summary>A partner nation's person or application (a <c>partner:</c> role from a trusted issuer).</summary>
    Partner,

    /// <summary>One of this nation's people or applications (admin, analyst).</summary>
    User,
}

/// <summary>
/// A verified caller: what the gateway forwards to the services behind it, and what its rate limits and access log
/// are kept by.
/// </summary>
/// <param name="Kind">How it proved itself.</param>
/// <param name="Key">Its identity for the rate limits and the forwarded-token cache: one per certificate, token or address.</param>
/// <param name="Subject">Who it is, as the services see it (<c>sub</c>) and the access log names it.</param>
/// <param name="Roles">The roles forwarded: those its issuer may assert, or its node role.</param>
/// <param name="NotAfter">When its credential ends (the token's exp, the certificate's expiry): the forwarded one ends no later.</param>
/// <param name="Certificate">A peer's certificate, checked again whenever the registry changes.</param>
/// <param name="Intermediates">The intermediate CA certificates the peer sent in the handshake, if any.</param>
internal sealed record GatewayCaller(
    CallerKind Kind,
    string Key,
    string Subject,
    IReadOnlyList<string> Roles,
    DateTimeOffset NotAfter,
    X509Certificate2? Certificate = null,
    X509Certificate2Collection? Intermediates = null);
