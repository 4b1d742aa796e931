using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>Makes the copy a grantee receives: the version without the fields a decision redacts.</summary>
public static class Redactor
{
    /// <summary>
    /// A copy of <paramref name="version"/> without the <paramref name="redactions"/>. A canonical encoding v2 version
    /// loses each redacted field with its salt and keeps its digest (<see cref="IndicatorRedaction.Redact"/>), so the
    /// copy verifies whatever is redacted. Under v1 either sensitive field drops the whole <c>sensitive</c> message (one
    /// digest commits both, and a receiver recomputes it when the message is present), keeping <c>sensitive_digest</c>
    /// so that the copy still verifies; description, tags and kill-chain phases are cleared when asked, which a v1
    /// copy does not survive: the engine never allows a v1 version that needs them redacted. With nothing to redact,
    /// <paramref name="version"/> itself is returned (protobuf messages are mutable: do not change it).
    /// </summary>
    public static Indicator Apply(Indicator version, FieldRedactions redactions)
    {
        ArgumentNullException.ThrowIfNull(version);
        redactions &= FieldRedactions.All;
        if (redactions == FieldRedactions.None)
        {
            return version;
        }

        if (IndicatorCanonicalEncoding.CommitsEachField(version.Encoding))
        {
            // The flags have the same values (RedactableFields' documentation says so, and a test holds it).
            return IndicatorRedaction.Redact(version, (RedactableFields)redactions);
        }

        var copy = version.Clone();
        if ((redactions & FieldRedactions.Sensitive) != 0)
        {
            copy.Sensitive = null;
        }

        if ((redactions & FieldRedactions.Description) != 0)
        {
            copy.Description = "";
        }

        if ((redactions & FieldRedactions.Tags) != 0)
        {
            copy.Tags.Clear();
        }

        if ((redactions & FieldRedactions.KillChainPhases) != 0)
        {
            copy.KillChainPhases.Clear();
        }

        return copy;
    }
}
