using System.Globalization;
using CyberPledge.V1;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// The node's warning lists, compiled for matching (SECURITY.md rule 4): which entries a normalized value meets.
/// Matching costs a parse of the value and a few hash lookups (networks: one per prefix length in use; names: one per
/// label), so a batch of 1,000 versions costs well under a millisecond.
/// </summary>
internal sealed class WarningCatalog
{
    /// <summary>The list a CIDR value too short to be an indicator matches.</summary>
    public const string ShortPrefixList = "short-prefixes";

    private static readonly UInt128 MappedIpv4Prefix = (UInt128)0xffff << 32;

    private readonly NetworkTable _ipv4 = new(32);
    private readonly NetworkTable _ipv6 = new(128);
    private readonly DomainTable _domains = new();
    private readonly int _shortIpv4;
    private readonly int _shortIpv6;
    private readonly long _shortOrder;

    public WarningCatalog(IReadOnlyList<WarningListDefinition> lists, int shortPrefixIpv4, int shortPrefixIpv6)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            Add(lists[i], (long)i << 32);
        }

        _ipv4.Freeze();
        _ipv6.Freeze();
        _shortIpv4 = shortPrefixIpv4;
        _shortIpv6 = shortPrefixIpv6;
        _shortOrder = (long)lists.Count << 32;
        Names = [.. lists.Select(l => l.Name)];
    }

    /// <summary>The lists' names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The entries <paramref name="value"/> (normalized for <paramref name="type"/>) meets, in list order, each once.</summary>
    public IReadOnlyList<WarningEntry> Match(IndicatorType type, string value)
    {
        if (ScreenedValue.Of(type, value) is not { } screened)
        {
            return [];
        }

        var found = new List<WarningEntry>();
        if (screened.Host is { } host)
        {
            _domains.Match(host, found);
        }
        else if (!screened.IsIpv6)
        {
            _ipv4.Match(screened.Network, screened.Prefix, found);
            ShortPrefix(type, screened.Prefix, _shortIpv4, found);
        }
        else
        {
            _ipv6.Match(screened.Network, screened.Prefix, found);
            if (screened.Prefix >= 96 && (screened.Network & ~(UInt128)uint.MaxValue) == MappedIpv4Prefix)
            {
                // ::ffff:a.b.c.d is the IPv4 address a.b.c.d: the IPv4 lists apply too.
                _ipv4.Match(screened.Network & uint.MaxValue, screened.Prefix - 96, found);
            }

            ShortPrefix(type, screened.Prefix, _shortIpv6, found);
        }

        return found.Count <= 1 ? found : [.. found.Distinct().OrderBy(e => e.Order)];
    }

    private void ShortPrefix(IndicatorType type, int prefix, int threshold, List<WarningEntry> found)
    {
        if (type == IndicatorType.Cidr && prefix < threshold)
        {
            found.Add(new WarningEntry(_shortOrder, ShortPrefixList, string.Create(CultureInfo.InvariantCulture, $"shorter than /{threshold}")));
        }
    }

    /// <summary>Adds a list whose entries <see cref="WarningListLoader"/> checked and normalized.</summary>
    private void Add(WarningListDefinition list, long order)
    {
        for (var i = 0; i < list.Entries.Count; i++)
        {
            var entry = new WarningEntry(order + i, list.Name, list.Entries[i]);
            if (list.Kind is WarningListDefinition.DomainSuffixKind)
            {
                _domains.AddSuffix(entry.Entry, entry);
            }
            else if (list.Kind is WarningListDefinition.HostnameKind)
            {
                _domains.AddHost(entry.Entry, entry);
            }
            else
            {
                var network = ScreenedValue.Of(entry.Entry.Contains('/', StringComparison.Ordinal) ? IndicatorType.Cidr : IndicatorType.Ipv4, entry.Entry)
                    ?? throw new ArgumentException($"warning list {list.Name}: entry {entry.Entry} is not normalized", nameof(list));
                (network.IsIpv6 ? _ipv6 : _ipv4).Add(network.Network, network.Prefix, entry);
            }
        }
    }
}
