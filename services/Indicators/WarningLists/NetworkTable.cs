namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// Networks of one address family (32 or 128 bits, IPv4 held in the low bits of a <see cref="UInt128"/>) and which
/// of them a value meets: an address or a network inside an entry (one hash lookup per prefix length in use, at most
/// 33 or 129), or an entry inside a network value (a binary search over the entries sorted by start).
/// </summary>
internal sealed class NetworkTable(int width)
{
    private readonly Dictionary<int, Dictionary<UInt128, List<WarningEntry>>> _byPrefix = [];
    private readonly List<(UInt128 Start, int Prefix, WarningEntry Entry)> _entries = [];
    private int[] _prefixes = [];
    private (UInt128 Start, int Prefix, WarningEntry Entry)[] _sorted = [];

    public int Width => width;

    public void Add(UInt128 network, int prefix, WarningEntry entry)
    {
        network &= Mask(prefix);
        if (!_byPrefix.TryGetValue(prefix, out var networks))
        {
            _byPrefix[prefix] = networks = [];
        }

        if (!networks.TryGetValue(network, out var entries))
        {
            networks[network] = entries = [];
        }

        entries.Add(entry);
        _entries.Add((network, prefix, entry));
    }

    /// <summary>Builds the search structures; call once every entry is added.</summary>
    public void Freeze()
    {
        _prefixes = [.. _byPrefix.Keys.Order()];
        _sorted = [.. _entries.OrderBy(e => e.Start)];
    }

    /// <summary>Adds to <paramref name="into"/> every entry the network <paramref name="network"/>/<paramref name="prefix"/> (an address: the full width) meets.</summary>
    public void Match(UInt128 network, int prefix, List<WarningEntry> into)
    {
        foreach (var entryPrefix in _prefixes)
        {
            if (entryPrefix > prefix)
            {
                break;
            }

            if (_byPrefix[entryPrefix].TryGetValue(network & Mask(entryPrefix), out var entries))
            {
                into.AddRange(entries);
            }
        }

        if (prefix < width && _sorted.Length > 0)
        {
            // Entries with a longer prefix that start inside the value's range lie inside it.
            var last = network | (~Mask(prefix) & Mask(width));
            for (var i = LowerBound(network); i < _sorted.Length && _sorted[i].Start <= last; i++)
            {
                if (_sorted[i].Prefix > prefix)
                {
                    into.Add(_sorted[i].Entry);
                }
            }
        }
    }

    /// <summary>The bits a prefix of this length keeps, within the family's width.</summary>
    public UInt128 Mask(int prefix) => prefix == 0 ? UInt128.Zero : (UInt128.MaxValue << (128 - prefix)) >> (128 - width);

    private int LowerBound(UInt128 start)
    {
        int low = 0, high = _sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_sorted[middle].Start < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
