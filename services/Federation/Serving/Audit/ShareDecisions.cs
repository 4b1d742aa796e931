using System.Text;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Federation.Serving.Audit;

/// <summary>
/// <see cref="ServedDecision"/> as Partners records it (ShareDecision). Partners refuses a whole call for one invalid
/// decision, and the audit retries a refused batch, so the text is made acceptable here (bounded, no control or
/// bidirectional control characters) rather than stalling the audit on it.
/// </summary>
internal static class ShareDecisions
{
    /// <summary>Partners' bound for the rule and the reason.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The record for <paramref name="served"/>; null for a held embargo (recorded at release) or a version Partners could not take.</summary>
    public static ShareDecision? ToShareDecision(ServedDecision served)
    {
        if (served.Outcome == ServeOutcome.Hold
            || served.OriginNation.Length == 0 || served.OriginNodeId.Length == 0 || served.IndicatorId.Length == 0 || served.Version == 0)
        {
            return null;
        }

        return new ShareDecision
        {
            Origin = new Origin { Nation = served.OriginNation, NodeId = served.OriginNodeId },
            IndicatorId = served.IndicatorId,
            Version = served.Version,
            Grantee = served.Grantee,
            AgreementId = served.AgreementId,
            AgreementVersion = served.AgreementId.Length > 0 ? served.AgreementVersion : 0,
            Outcome = served.Outcome switch { ServeOutcome.Send => ShareOutcome.Sent, ServeOutcome.Withdraw => ShareOutcome.Withdrawn, _ => ShareOutcome.Withheld },
            Rule = Text(served.Rule),
            Reason = Text(served.Reason),
            At = Timestamp.FromDateTimeOffset(served.DecidedAt),
        };
    }

    /// <summary>Control and bidirectional control characters become '?', and the text is cut to <see cref="MaxTextLength"/>.</summary>
    public static string Text(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxTextLength));
        foreach (var c in text)
        {
            if (builder.Length == MaxTextLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') ? '?' : c);
        }

        // A cut must not leave half a surrogate pair.
        if (builder.Length > 0 && char.IsHighSurrogate(builder[^1]))
        {
            builder.Length--;
        }

        return builder.ToString();
    }
}
