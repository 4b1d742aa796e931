namespace CyberPledge.Policy.Internal;

/// <summary>
/// The rules of one kind of record (incident, support request, offer, sighting, a support record received), for
/// <see cref="RecordEvaluation"/>: those no agreement changes, then one agreement's. Each returns the failed rule's id
/// (a <see cref="PolicyRules"/> constant) and the compared value the reason names, or null when every rule passed.
/// </summary>
/// <typeparam name="TFacts">What the rules read from the record, extracted once per decision.</typeparam>
internal interface IRecordRules<TFacts> where TFacts : struct
{
    /// <summary>The rule id of an allow: <see cref="PolicyRules.Allowed"/> for what this node sends, <see cref="PolicyRules.Accepted"/> for what it receives.</summary>
    static abstract string AllowedRule { get; }

    static abstract string? CheckFixed(in TFacts facts, string grantee, out long detail);

    static abstract string? CheckAgreement(CompiledAgreement a, in TFacts facts, out long detail);

    static abstract IncidentRedactions Redactions(CompiledAgreement a);
}
