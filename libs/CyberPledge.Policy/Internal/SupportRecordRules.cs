namespace CyberPledge.Policy.Internal;

/// <summary>This node's support request (or a later step of it), to a grantee it is addressed to (or to all), under <c>may_request</c>.</summary>
internal sealed class SupportRequestRules : IRecordRules<SupportRequestFacts>
{
    public static string AllowedRule => PolicyRules.Allowed;

    public static string? CheckFixed(in SupportRequestFacts f, string grantee, out long detail)
    {
        if (f.Relayed)
        {
            return IncidentRecordRules.Relayed(RecordKind.SupportRequest, out detail);
        }

        detail = 0;
        return f.AddressedTo is not { Count: > 0 } || Names.Holds(f.AddressedTo, grantee) ? null : PolicyRules.SupportNotAddressed;
    }

    public static string? CheckAgreement(CompiledAgreement a, in SupportRequestFacts f, out long detail)
    {
        detail = 0;
        return a.MayRequestSupport ? null : PolicyRules.SupportMayRequest;
    }

    public static IncidentRedactions Redactions(CompiledAgreement a) => IncidentRedactions.None;
}

/// <summary>This node's offer, only to the nation that made the request, under <c>may_offer</c>.</summary>
internal sealed class SupportOfferRules : IRecordRules<SupportOfferFacts>
{
    public static string AllowedRule => PolicyRules.Allowed;

    public static string? CheckFixed(in SupportOfferFacts f, string grantee, out long detail)
    {
        if (f.Relayed)
        {
            return IncidentRecordRules.Relayed(RecordKind.SupportOffer, out detail);
        }

        detail = 0;
        return string.Equals(f.RequestedBy, grantee, StringComparison.Ordinal) ? null : PolicyRules.SupportOfferNotToRequester;
    }

    public static string? CheckAgreement(CompiledAgreement a, in SupportOfferFacts f, out long detail)
    {
        detail = 0;
        return a.MayOfferSupport ? null : PolicyRules.SupportMayOffer;
    }

    public static IncidentRedactions Redactions(CompiledAgreement a) => IncidentRedactions.None;
}

/// <summary>
/// A support record another nation sent this node: a request (or a later step of it) is accepted under
/// <c>may_request</c>, an offer under <c>may_offer</c>, of this node's agreements with that nation. The detail 1 marks
/// a receipt, so that the reason reads "refused" rather than "withheld".
/// </summary>
internal sealed class SupportReceiptRules : IRecordRules<SupportRecordKind>
{
    public const long Receipt = 1;

    public static string AllowedRule => PolicyRules.Accepted;

    public static string? CheckFixed(in SupportRecordKind kind, string grantee, out long detail)
    {
        detail = 0;
        return null;
    }

    public static string? CheckAgreement(CompiledAgreement a, in SupportRecordKind kind, out long detail)
    {
        detail = Receipt;
        return kind switch
        {
            SupportRecordKind.Request => a.MayRequestSupport ? null : PolicyRules.SupportMayRequest,
            SupportRecordKind.Offer => a.MayOfferSupport ? null : PolicyRules.SupportMayOffer,
            _ => PolicyRules.SupportMayRequest,
        };
    }

    public static IncidentRedactions Redactions(CompiledAgreement a) => IncidentRedactions.None;
}
