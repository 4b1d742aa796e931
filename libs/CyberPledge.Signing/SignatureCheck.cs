namespace CyberPledge.Signing;

/// <summary>The result of checking an indicator version's origin signature.</summary>
/// <param name="IsValid">True when the signature verifies against the given key.</param>
/// <param name="Reason">Why it does not, when it does not.</param>
public readonly record struct SignatureCheck(bool IsValid, string? Reason)
{
    /// <summary>A signature that verified.</summary>
    public static SignatureCheck Valid => new(true, null);

    /// <summary>A signature that did not verify, and why.</summary>
    public static SignatureCheck Invalid(string reason) => new(false, reason);
}
