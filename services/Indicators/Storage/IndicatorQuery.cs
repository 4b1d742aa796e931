using System.Globalization;
using System.Text;
using CyberPledge.Storage;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The Query statement of both stores: latest versions after a sequence, in sequence order, one
/// condition per filter. Placeholders are $1, $2, ... in the order of <see cref="Values"/>:
/// positional parameters on PostgreSQL, parameters named "$1", "$2", ... on SQLite.
/// </summary>
internal sealed class IndicatorQuery
{
    private readonly StringBuilder _sql = new($"SELECT {StoredRows.Columns} FROM {StoredRows.Latest} WHERE i.seq > $1");

    private IndicatorQuery(ulong afterSequence) => Values.Add(StoreSequence.ToColumn(afterSequence));

    public List<object> Values { get; } = [];

    public string Sql => _sql.ToString();

    /// <param name="filter">The filters; null or empty ones add no condition.</param>
    /// <param name="afterSequence">Rows after this sequence only.</param>
    /// <param name="limit">The most rows returned.</param>
    /// <param name="valueCandidates">
    /// A store's own condition narrowing the rows before the value is compared (SQLite's in-memory
    /// <see cref="ValueIndex"/>), with "$?" for its one parameter.
    /// </param>
    public static IndicatorQuery Build(IndicatorFilter filter, ulong afterSequence, int limit, (string Condition, object Value)? valueCandidates = null)
    {
        var query = new IndicatorQuery(afterSequence);
        if (filter.Type is { } type)
        {
            query.Where("i.type = $?", (int)type);
        }

        if (!string.IsNullOrEmpty(filter.Value))
        {
            if (valueCandidates is var (condition, candidates))
            {
                query.Where(condition, candidates);
            }

            query.Where("i.value = $?", filter.Value);
        }

        if (filter.Sector is { } sector)
        {
            query.Where("(i.sectors & $?) <> 0", IndicatorColumns.SectorBit(sector));
        }

        if (filter.Tlp is { } tlp)
        {
            query.Where("i.tlp = $?", (int)tlp);
        }

        if (!string.IsNullOrEmpty(filter.OriginNation))
        {
            query.Where("i.origin_nation = $?", filter.OriginNation);
        }

        if (!string.IsNullOrEmpty(filter.OriginNodeId))
        {
            query.Where("i.origin_node = $?", filter.OriginNodeId);
        }

        if (filter.ModifiedSince is { } since)
        {
            query.Where("i.modified_us >= $?", StoreTime.ToUnixMicroseconds(since));
        }

        if (!string.IsNullOrEmpty(filter.Text) && !string.IsNullOrEmpty(filter.TextAlternative))
        {
            query.Values.Add(IndicatorColumns.ContainsPattern(filter.Text));
            query.Values.Add(IndicatorColumns.ContainsPattern(filter.TextAlternative));
            query._sql.Append(@" AND (i.search_text LIKE ").Append(Placeholder(query.Values.Count - 1))
                .Append(@" ESCAPE '\' OR i.search_text LIKE ").Append(Placeholder(query.Values.Count)).Append(@" ESCAPE '\')");
        }
        else if (!string.IsNullOrEmpty(filter.Text))
        {
            query.Where(@"i.search_text LIKE $? ESCAPE '\'", IndicatorColumns.ContainsPattern(filter.Text));
        }

        if (!filter.IncludeRevoked)
        {
            // revoked is a boolean on PostgreSQL and 0 or 1 on SQLite: NOT reads both.
            query._sql.Append(" AND NOT i.revoked");
        }

        // The flag's state is 1 (UNCONFIRMED) or 2 (CONFIRMED); no row: not flagged.
        query._sql.Append(filter.Warnings switch
        {
            V1.WarningFilter.ExcludeUnconfirmed => " AND (w.state IS NULL OR w.state <> 1)",
            V1.WarningFilter.UnconfirmedOnly => " AND w.state = 1",
            _ => "",
        });
        query.Values.Add(limit);
        query._sql.Append(" ORDER BY i.seq LIMIT ").Append(Placeholder(query.Values.Count));
        return query;
    }

    /// <summary>The placeholder of the <paramref name="position"/>th value (from 1).</summary>
    public static string Placeholder(int position) => "$" + position.ToString(CultureInfo.InvariantCulture);

    private void Where(string condition, object value)
    {
        Values.Add(value);
        _sql.Append(" AND ").Append(condition.Replace("$?", Placeholder(Values.Count), StringComparison.Ordinal));
    }
}
