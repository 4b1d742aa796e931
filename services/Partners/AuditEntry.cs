namespace CyberPledge.Partners;

/// <summary>
/// A record for the audit log before the store numbers and chains it (docs/partners.md, "Audit log").
/// </summary>
/// <param name="At">When the change or decision happened.</param>
/// <param name="Actor">Who made it: the caller's subject and roles, e.g. "alice (admin)".</param>
/// <param name="Action">What happened: "peer.added", "agreement.activated", ...</param>
/// <param name="Subject">What it is about: "peer:JPN", "agreement:JPN-2026-01".</param>
/// <param name="Grantee">The grantee nation, when there is one (else "").</param>
/// <param name="Before">The state before, as canonical JSON ("" for none).</param>
/// <param name="After">The state after, as canonical JSON ("" for none).</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string Grantee, string Before, string After);
