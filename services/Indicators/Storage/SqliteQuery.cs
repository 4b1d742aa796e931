using System.Globalization;
using System.Text;
using CyberPledge.V1;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Indicators.Storage;

/// <summary>Builds the Query statement: latest versions in sequence order, one condition per filter.</summary>
internal static class SqliteQuery
{
    public static SqliteCommand Build(SqliteConnection connection, IndicatorFilter filter, ulong afterSequence, int limit, Func<long, long[]> valueCandidates)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT i.seq, v.body FROM indicators i JOIN versions v ON v.seq = i.seq WHERE i.seq > $after");
        command.Parameters.AddWithValue("$after", (long)afterSequence);

        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (filter.Type is { } type)
        {
            Where("i.type = $type", "$type", (long)type);
        }

        if (!string.IsNullOrEmpty(filter.Value))
        {
            // (type, value) is indexed in memory (ValueIndex): narrow to its candidate rows first.
            var types = filter.Type is { } known ? [known] : Enum.GetValues<IndicatorType>().Where(t => t != IndicatorType.Unspecified);
            var candidates = types.SelectMany(t => valueCandidates(ValueIndex.Key(t, filter.Value)))
                .Select(n => n.ToString(CultureInfo.InvariantCulture));
            Where("i.seq IN (SELECT value FROM json_each($candidates))", "$candidates", "[" + string.Join(',', candidates) + "]");
            Where("i.value = $value", "$value", filter.Value);
        }

        if (filter.Sector is { } sector)
        {
            Where("(i.sectors & $sector) != 0", "$sector", IndicatorColumns.SectorBit(sector));
        }

        if (filter.Tlp is { } tlp)
        {
            Where("i.tlp = $tlp", "$tlp", (long)tlp);
        }

        if (!string.IsNullOrEmpty(filter.OriginNation))
        {
            Where("i.origin_nation = $nation", "$nation", filter.OriginNation);
        }

        if (!string.IsNullOrEmpty(filter.OriginNodeId))
        {
            Where("i.origin_node = $node", "$node", filter.OriginNodeId);
        }

        if (filter.ModifiedSince is { } since)
        {
            Where("i.modified_us >= $since", "$since", (since - DateTimeOffset.UnixEpoch).Ticks / 10);
        }

        if (!string.IsNullOrEmpty(filter.Text))
        {
            Where(@"i.search_text LIKE $text ESCAPE '\'", "$text", IndicatorColumns.ContainsPattern(filter.Text));
        }

        if (!filter.IncludeRevoked)
        {
            sql.Append(" AND i.revoked = 0");
        }

        sql.Append(" ORDER BY i.seq LIMIT $limit");
        command.Parameters.AddWithValue("$limit", (long)limit);
        command.CommandText = sql.ToString();
        return command;
    }
}
