using CyberPledge.V1;
using Npgsql;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>
/// Versions appended in the open transaction and not yet sent, as columns: sent as one
/// multi-row INSERT into <c>versions</c> and one multi-row upsert into <c>indicators</c>
/// (the latest of each id only: an upsert cannot change one row twice).
/// </summary>
internal sealed class AppendedRows
{
    private const string InsertVersions = """
        INSERT INTO versions (seq, indicator_id, version, body, encoding, relay_path, leaf_digest, stored_us)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bytea[], $5::integer[], $6::bytea[], $7::bytea[], $8::bigint[])
        """;

    private const string UpsertLatest = """
        INSERT INTO indicators (seq, id, origin_nation, origin_node, type, value, version, revoked, tlp, sectors, modified_us, search_text, imported)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::text[], $7::bigint[],
            $8::boolean[], $9::integer[], $10::bigint[], $11::bigint[], $12::text[], $13::boolean[])
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, origin_nation = excluded.origin_nation, origin_node = excluded.origin_node,
            type = excluded.type, value = excluded.value, version = excluded.version, revoked = excluded.revoked, tlp = excluded.tlp,
            sectors = excluded.sectors, modified_us = excluded.modified_us, search_text = excluded.search_text,
            imported = excluded.imported
        """;

    private readonly List<Row> _rows = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<(string Nation, string Node, IndicatorType Type, string Value)> _keys = [];

    public int Count => _rows.Count;

    public void Add(ulong sequence, long storedUs, Indicator version, byte[] body, long sectors, long modifiedUs, string searchText, ReceivedCopy? received)
    {
        _rows.Add(new Row((long)sequence, storedUs, version, body, sectors, modifiedUs, searchText, RelayPathColumn.Write(received?.RelayPath), received?.LeafDigest ?? []));
        _ids.Add(version.Id);
        _keys.Add((version.Origin.Nation, version.Origin.NodeId, version.Type, version.Value));
    }

    public bool HasId(string id) => _ids.Contains(id);

    public bool HasKey(Origin origin, IndicatorType type, string value) => _keys.Contains((origin.Nation, origin.NodeId, type, value));

    /// <summary>The statements that store the rows (none when there are none); the rows are then no longer queued.</summary>
    public List<NpgsqlBatchCommand> TakeStatements()
    {
        if (_rows.Count == 0)
        {
            return [];
        }

        var latest = _rows.GroupBy(r => r.Version.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        List<NpgsqlBatchCommand> statements =
        [
            PostgresRows.Command(InsertVersions,
                Column(_rows, r => r.Sequence), Column(_rows, r => r.Version.Id), Column(_rows, r => (long)r.Version.Version), Column(_rows, r => r.Body),
                Column(_rows, r => IndicatorColumns.Encoding(r.Version)), Column(_rows, r => r.RelayPath), Column(_rows, r => r.LeafDigest),
                Column(_rows, r => r.StoredUs)),
            PostgresRows.Command(UpsertLatest,
                Column(latest, r => r.Sequence), Column(latest, r => r.Version.Id), Column(latest, r => r.Version.Origin.Nation),
                Column(latest, r => r.Version.Origin.NodeId), Column(latest, r => (int)r.Version.Type), Column(latest, r => r.Version.Value),
                Column(latest, r => (long)r.Version.Version), Column(latest, r => r.Version.Revoked), Column(latest, r => (int)r.Version.Tlp),
                Column(latest, r => r.Sectors), Column(latest, r => r.ModifiedUs), Column(latest, r => r.SearchText),
                Column(latest, r => r.Version.Imported is not null)),
        ];
        Clear();
        return statements;
    }

    public void Clear()
    {
        _rows.Clear();
        _ids.Clear();
        _keys.Clear();
    }

    private static T[] Column<T>(List<Row> rows, Func<Row, T> value)
    {
        var column = new T[rows.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = value(rows[i]);
        }

        return column;
    }

    private sealed record Row(long Sequence, long StoredUs, Indicator Version, byte[] Body, long Sectors, long ModifiedUs, string SearchText, byte[] RelayPath, byte[] LeafDigest);
}
