namespace CyberPledge.Policy;

/// <summary>One reason an agreement cannot be activated.</summary>
/// <param name="Field">The field, as the protobuf message names it: "rules.max_tlp", "rules.indicator_types[2]", "grantee".</param>
/// <param name="Message">What is wrong, e.g. "RED can never be shared".</param>
public readonly record struct AgreementValidationError(string Field, string Message)
{
    /// <summary>"rules.max_tlp: RED can never be shared".</summary>
    public override string ToString() => $"{Field}: {Message}";
}
