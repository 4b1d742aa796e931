using CyberPledge.V1;

namespace CyberPledge.Partners;

/// <summary>
/// A TAXII Basic credential as stored: what is listed, and the salted slow hash of its password (SECURITY.md rule 10).
/// The password itself is never stored.
/// </summary>
/// <param name="Credential">What ListTaxiiCredentials shows: username, nation, label, who issued or revoked it and when.</param>
/// <param name="Salt">The random salt of the hash.</param>
/// <param name="Hash">PBKDF2-HMAC-SHA256 of the password with <paramref name="Salt"/> and <paramref name="Iterations"/>.</param>
/// <param name="Iterations">The iteration count the hash was made with (kept per credential, so a higher setting later leaves older hashes checkable).</param>
public sealed record StoredTaxiiCredential(TaxiiCredential Credential, byte[] Salt, byte[] Hash, int Iterations);
