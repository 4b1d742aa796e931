using System.Security.Cryptography;
using System.Text;

namespace CyberPledge.Partners.Taxii;

/// <summary>
/// Generated TAXII credentials and their salted slow hashes (SECURITY.md rule 10): PBKDF2-HMAC-SHA256
/// (<see cref="Rfc2898DeriveBytes.Pbkdf2(byte[], byte[], int, HashAlgorithmName, int)"/>), compared in constant time.
/// </summary>
internal static class TaxiiPasswords
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a node may only raise it outside development.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>The username's prefix; the rest is 64 random bits in hex.</summary>
    public const string UsernamePrefix = "taxii-";

    private const int PasswordBytes = 24;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string NewUsername() => UsernamePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>192 random bits, base64url without padding: 32 characters, none of them ':' (RFC 7617 forbids it in user-ids only, but scripts quote less).</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(PasswordBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    /// <summary>Whether <paramref name="password"/> hashes to <paramref name="expected"/>: the full work, then a constant-time comparison.</summary>
    public static bool Matches(string password, byte[] salt, int iterations, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(password, salt, iterations), expected);
}
