using CyberPledge.Indicators.Validation;
using CyberPledge.Signing;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Versioning;

/// <summary>
/// Makes the next version of this node's own indicators: numbers it, stamps its times and
/// origin, fills the distribution's defaults, and commits its redactable fields (canonical
/// encoding v2: each by its own salted digest). Signing is a separate step so that many
/// versions can be signed in parallel.
/// </summary>
internal sealed class VersionFactory(Origin self)
{
    public Origin Self { get; } = self;

    /// <summary>The version after <paramref name="current"/> with this content, or null when nothing changed.</summary>
    public Indicator? NextVersion(Indicator content, Indicator? current, DateTimeOffset now)
    {
        var next = content.Clone();
        next.ValidFrom ??= current?.ValidFrom?.Clone() ?? Timestamp.FromDateTimeOffset(now);
        next.Distribution ??= new Distribution();
        DistributionRules.ApplyDefaults(next.Distribution);
        if (current is not null && !current.Revoked && SameContent(next, current))
        {
            return null;
        }

        next.Id = current?.Id ?? (content.Id.Length > 0 ? content.Id : Validation.IndicatorIds.New());
        next.Revoked = false;
        Stamp(next, current, now);
        return next;
    }

    /// <summary>The version that revokes <paramref name="current"/>: same content, revoked (and v2, even when <paramref name="current"/> is v1).</summary>
    public Indicator Revocation(Indicator current, DateTimeOffset now) => Successor(current, next => next.Revoked = true, now);

    /// <summary>
    /// The version that promotes an imported <paramref name="current"/> (SECURITY.md rule 2): same content, with
    /// <c>imported.promoted</c> set and <paramref name="promotedBy"/> named, signed (canonical encoding v3).
    /// </summary>
    public Indicator Promotion(Indicator current, string promotedBy, DateTimeOffset now) => Successor(current, next =>
    {
        next.Imported.Promoted = true;
        next.Imported.PromotedBy = promotedBy;
    }, now);

    private Indicator Successor(Indicator current, Action<Indicator> change, DateTimeOffset now)
    {
        var next = current.Clone();
        change(next);
        next.Distribution ??= new Distribution();
        DistributionRules.ApplyDefaults(next.Distribution);
        Stamp(next, current, now);
        return next;
    }

    /// <summary>Same content: everything the submitter controls, the sensitive fields' text included.</summary>
    public static bool SameContent(Indicator a, Indicator b) => ContentOnly(a).Equals(ContentOnly(b));

    private void Stamp(Indicator next, Indicator? current, DateTimeOffset now)
    {
        var modified = Timestamp.FromDateTimeOffset(now);
        // A version is never older than the one it replaces, even if the clock stepped back.
        if (current?.Modified is not null && modified.CompareTo(current.Modified) < 0)
        {
            modified = current.Modified.Clone();
        }

        next.Origin = Self.Clone();
        next.Version = (current?.Version ?? 0) + 1;
        next.Created = current?.Created?.Clone() ?? modified.Clone();
        next.Modified = modified;
        next.Sensitive ??= new SensitiveFields();
        next.Signature = null;
        IndicatorRedaction.Commit(next);
    }

    private static Indicator ContentOnly(Indicator indicator)
    {
        var content = indicator.Clone();
        content.Id = "";
        content.Origin = null;
        content.Version = 0;
        content.Revoked = false;
        content.Created = null;
        content.Modified = null;
        content.Signature = null;
        content.Encoding = CanonicalEncoding.V1;
        content.Commitments = null;
        content.SensitiveDigest = ByteString.Empty;
        content.Sensitive = new SensitiveFields
        {
            ReportingOrganisation = indicator.Sensitive?.ReportingOrganisation ?? "",
            InternalNotes = indicator.Sensitive?.InternalNotes ?? "",
        };
        content.Distribution ??= new Distribution();
        return content;
    }
}
