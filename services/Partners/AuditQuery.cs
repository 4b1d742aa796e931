namespace CyberPledge.Partners;

/// <summary>Which audit records to list: each filter optional, records in sequence order after <see cref="AfterSequence"/>.</summary>
/// <param name="Grantee">Only records about this grantee ("" for any).</param>
/// <param name="Subject">Only records about this subject ("" for any).</param>
/// <param name="From">Only records at or after this time.</param>
/// <param name="To">Only records before this time.</param>
/// <param name="AfterSequence">Records with a higher sequence (0: from the start).</param>
/// <param name="Limit">At most this many.</param>
public sealed record AuditQuery(string Grantee, string Subject, DateTimeOffset? From, DateTimeOffset? To, ulong AfterSequence, int Limit)
{
    /// <summary>Only records with this action, or, when it ends with a dot, whose action starts with it ("share."); "" for any.</summary>
    public string Action { get; init; } = "";
}
