using CyberPledge.Policy;
using CyberPledge.V1;

namespace CyberPledge.Partners.Agreements;

/// <summary>The agreement's redactions both ways: the API's list of fields and the policy engine's flags.</summary>
internal static class Redactions
{
    private static readonly (FieldRedactions Flag, RedactableField Field)[] Fields =
    [
        (FieldRedactions.ReportingOrganisation, RedactableField.ReportingOrganisation),
        (FieldRedactions.InternalNotes, RedactableField.InternalNotes),
        (FieldRedactions.Description, RedactableField.Description),
        (FieldRedactions.KillChainPhases, RedactableField.KillChainPhases),
        (FieldRedactions.Tags, RedactableField.Tags),
    ];

    /// <summary>The engine's flags for a list of fields; an unknown field redacts nothing.</summary>
    public static FieldRedactions ToFlags(IEnumerable<RedactableField> fields)
    {
        var flags = FieldRedactions.None;
        foreach (var field in fields)
        {
            foreach (var (flag, known) in Fields)
            {
                if (known == field)
                {
                    flags |= flag;
                }
            }
        }

        return flags;
    }

    /// <summary>The fields, in the API's order, that <paramref name="flags"/> redacts.</summary>
    public static List<RedactableField> ToFields(FieldRedactions flags)
    {
        var fields = new List<RedactableField>(Fields.Length);
        foreach (var (flag, field) in Fields)
        {
            if (flags.HasFlag(flag))
            {
                fields.Add(field);
            }
        }

        return fields;
    }
}
