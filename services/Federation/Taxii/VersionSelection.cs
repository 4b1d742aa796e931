namespace CyberPledge.Federation.Taxii;

/// <summary>
/// match[version] for the objects of one page's scan: every object of a version shares the version's modified time, so
/// one answer per version serves its group, and is asked at most once.
/// </summary>
internal sealed class VersionSelection(TaxiiView view, VersionMatch versions)
{
    private readonly Dictionary<ulong, bool> _answers = [];

    public async ValueTask<bool> SelectedAsync(TaxiiItem item)
    {
        if (item.Change is not { } change || versions.All || versions.Exact.Contains(item.Object.Version))
        {
            // Shared objects have one version each: the filters already decided them.
            return true;
        }

        if (!_answers.TryGetValue(change.Sequence, out var selected))
        {
            selected = (versions.Last && await view.IsLastAsync(change).ConfigureAwait(false))
                || (versions.First && await view.IsFirstAsync(change).ConfigureAwait(false));
            _answers[change.Sequence] = selected;
        }

        return selected;
    }
}
