using System.Globalization;
using System.Text;
using Npgsql;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>Builds the Query statement: latest versions in sequence order, one condition per filter (as <see cref="SqliteQuery"/>).</summary>
internal static class PostgresQuery
{
    public static NpgsqlCommand Build(NpgsqlDataSource dataSource, IndicatorFilter filter, ulong afterSequence, int limit)
    {
        var command = dataSource.CreateCommand();
        var sql = new StringBuilder("SELECT i.seq, v.body FROM indicators i JOIN versions v ON v.seq = i.seq WHERE i.seq > $1");
        command.Parameters.Add(new NpgsqlParameter { Value = (long)afterSequence });

        void Where(string condition, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            var placeholder = "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            sql.Append(" AND ").Append(condition.Replace("$?", placeholder, StringComparison.Ordinal));
        }

        if (filter.Type is { } type)
        {
            Where("i.type = $?", (int)type);
        }

        if (!string.IsNullOrEmpty(filter.Value))
        {
            Where("i.value = $?", filter.Value);
        }

        if (filter.Sector is { } sector)
        {
            Where("(i.sectors & $?) <> 0", IndicatorColumns.SectorBit(sector));
        }

        if (filter.Tlp is { } tlp)
        {
            Where("i.tlp = $?", (int)tlp);
        }

        if (!string.IsNullOrEmpty(filter.OriginNation))
        {
            Where("i.origin_nation = $?", filter.OriginNation);
        }

        if (!string.IsNullOrEmpty(filter.OriginNodeId))
        {
            Where("i.origin_node = $?", filter.OriginNodeId);
        }

        if (filter.ModifiedSince is { } since)
        {
            Where("i.modified_us >= $?", (since - DateTimeOffset.UnixEpoch).Ticks / 10);
        }

        if (!string.IsNullOrEmpty(filter.Text))
        {
            Where(@"i.search_text LIKE $? ESCAPE '\'", IndicatorColumns.ContainsPattern(filter.Text));
        }

        if (!filter.IncludeRevoked)
        {
            sql.Append(" AND NOT i.revoked");
        }

        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        sql.Append(" ORDER BY i.seq LIMIT $").Append(command.Parameters.Count.ToString(CultureInfo.InvariantCulture));
        command.CommandText = sql.ToString();
        return command;
    }
}
