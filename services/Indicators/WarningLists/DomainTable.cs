namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// Domains to match normalized host names against (lower case, IDNA ASCII, no trailing dot, as Indicators stores
/// them): suffix entries match the name and its subdomains, host-name entries the name only. A lookup walks the
/// name's parent domains, one hash lookup each.
/// </summary>
internal sealed class DomainTable
{
    private readonly Dictionary<string, List<WarningEntry>> _suffixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WarningEntry>> _hosts = new(StringComparer.Ordinal);

    public void AddSuffix(string domain, WarningEntry entry) => Add(_suffixes, domain, entry);

    public void AddHost(string domain, WarningEntry entry) => Add(_hosts, domain, entry);

    public void Match(string host, List<WarningEntry> into)
    {
        if (_hosts.TryGetValue(host, out var exact))
        {
            into.AddRange(exact);
        }

        if (_suffixes.Count == 0)
        {
            return;
        }

        var lookup = _suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        var name = host.AsSpan();
        while (true)
        {
            if (lookup.TryGetValue(name, out var entries))
            {
                into.AddRange(entries);
            }

            var dot = name.IndexOf('.');
            if (dot < 0)
            {
                return;
            }

            name = name[(dot + 1)..];
        }
    }

    private static void Add(Dictionary<string, List<WarningEntry>> table, string domain, WarningEntry entry)
    {
        if (!table.TryGetValue(domain, out var entries))
        {
            table[domain] = entries = [];
        }

        entries.Add(entry);
    }
}
