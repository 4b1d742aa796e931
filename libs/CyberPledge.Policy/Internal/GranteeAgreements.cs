namespace CyberPledge.Policy.Internal;

/// <summary>One grantee's agreements as the engine holds them.</summary>
/// <param name="Eligible">Those whose status lets them pass anything (active; a draft too in a preview), in id order.</param>
/// <param name="FirstIneligible">The first (in id order) of the others, to name in the reason when none is eligible.</param>
internal sealed record GranteeAgreements(CompiledAgreement[] Eligible, SharingAgreement? FirstIneligible);
