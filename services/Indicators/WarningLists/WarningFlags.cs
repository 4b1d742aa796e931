using CyberPledge.Indicators.Versioning;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// The flag a foreign version leaves on its indicator once applied (SECURITY.md rule 4). Each new version is checked
/// again: no match clears the flag; a match flags it unconfirmed, unless an analyst confirmed the same value with the
/// same matches before (then the confirmation carries over: nothing the review judged has changed). Imported versions
/// (SECURITY.md rule 2) are outside data too and get the same flag.
/// </summary>
internal static class WarningFlags
{
    /// <summary>Updates the flag after <paramref name="item"/> was appended; true when the version is flagged.</summary>
    /// <param name="transaction">The write the version was appended in.</param>
    /// <param name="stored">The indicator's latest version before it, with its flag.</param>
    /// <param name="item">The version applied, screened.</param>
    public static bool Update(IIndicatorWriteTransaction transaction, StoredIndicator? stored, ForeignItem item) =>
        Update(transaction, stored, item.Version, item.Screening, item.ReceivedAt);

    /// <summary>Updates the flag after <paramref name="version"/> was appended; true when the version is flagged.</summary>
    /// <param name="transaction">The write the version was appended in.</param>
    /// <param name="stored">The indicator's latest version before it, with its flag.</param>
    /// <param name="version">The version appended.</param>
    /// <param name="screening">What screening <paramref name="version"/> found.</param>
    /// <param name="at">When it came (the flag's time).</param>
    public static bool Update(IIndicatorWriteTransaction transaction, StoredIndicator? stored, Indicator version, ScreeningResult screening, DateTimeOffset at)
    {
        var previous = stored?.Indicator.Warning;
        var matches = screening.Matches;
        if (matches.Count == 0)
        {
            if (previous is not null)
            {
                transaction.ClearWarning(version.Id);
            }

            return false;
        }

        var flag = new WarningFlag
        {
            Version = version.Version,
            Matches = { matches },
            State = WarningState.Unconfirmed,
            FlaggedAt = Timestamp.FromDateTimeOffset(at),
        };
        if (previous is { State: WarningState.Confirmed } && stored!.Indicator.Type == version.Type && stored.Indicator.Value == version.Value
            && previous.Matches.SequenceEqual(flag.Matches))
        {
            flag.State = WarningState.Confirmed;
            flag.ReviewedBy = previous.ReviewedBy;
            flag.ReviewedAt = previous.ReviewedAt;
            flag.ReviewNote = previous.ReviewNote;
        }

        transaction.SetWarning(version.Id, flag);
        return true;
    }
}
