using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>Makes the copy a grantee receives: the version without the fields a decision redacts.</summary>
public static class Redactor
{
    /// <summary>
    /// A copy of <paramref name="version"/> without the <paramref name="redactions"/>. Either sensitive field drops the
    /// whole <c>sensitive</c> message (one digest commits both, and a receiver recomputes it when the message is
    /// present), keeping <c>sensitive_digest</c> so that the copy still verifies. Description, tags and kill-chain
    /// phases are cleared when asked, which a canonical encoding v1 copy does not survive: the engine never allows a
    /// v1 version that needs them redacted. With nothing to redact, <paramref name="version"/> itself is returned
    /// (protobuf messages are mutable: do not change it).
    /// </summary>
    public static Indicator Apply(Indicator version, FieldRedactions redactions)
    {
        ArgumentNullException.ThrowIfNull(version);
        if ((redactions & FieldRedactions.All) == FieldRedactions.None)
        {
            return version;
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
