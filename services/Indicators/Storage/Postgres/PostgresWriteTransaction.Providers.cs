using CyberPledge.Storage;
using Google.Protobuf;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>The providers of foreign indicators, and an indicator's removal when the last one withdraws (SECURITY.md rule 6).</summary>
internal sealed partial class PostgresWriteTransaction
{
    private const string InsertRemoval = """
        INSERT INTO versions (seq, indicator_id, version, body, encoding, relay_path, leaf_digest, stored_us) VALUES ($1, $2, $3, $4, $5, $6, '\x', $7)
        """;

    /// <summary>Queued: nothing in the work needs its answer, and a later lookup (<see cref="FindProviders"/>) sends it first.</summary>
    public void AddProvider(string id, string provider) =>
        _pending.Add(PostgresRows.Command("INSERT INTO foreign_providers (indicator_id, provider) VALUES ($1, $2) ON CONFLICT DO NOTHING", id, provider));

    public IReadOnlyList<string> FindProviders(string id) =>
        Query(PostgresRows.Command("SELECT provider FROM foreign_providers WHERE indicator_id = $1 ORDER BY provider COLLATE \"C\"", id), reader =>
        {
            var providers = new List<string>();
            while (reader.Read())
            {
                providers.Add(reader.GetString(0));
            }

            return providers;
        });

    public void RemoveProvider(string id, string provider) =>
        _pending.Add(PostgresRows.Command("DELETE FROM foreign_providers WHERE indicator_id = $1 AND provider = $2", id, provider));

    public ulong Remove(StoredIndicator latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var version = latest.Indicator;
        var sequence = LastSequence + 1;
        // A removal is in the feed like a version, so its stored time keeps the feed's order (TAXII's date_added).
        _lastStoredUs = Math.Max(StoreTime.ToUnixMicroseconds(_time.GetUtcNow()), _lastStoredUs + 1);
        // Sent now, behind the queued rows: a version of this indicator appended earlier in the transaction goes too.
        Flush(PostgresRows.Command("DELETE FROM versions WHERE indicator_id = $1", version.Id));
        _pending.Add(PostgresRows.Command("DELETE FROM indicators WHERE id = $1", version.Id));
        _pending.Add(PostgresRows.Command("DELETE FROM foreign_providers WHERE indicator_id = $1", version.Id));
        _pending.Add(PostgresRows.Command(InsertRemoval, (long)sequence, version.Id, StoredRows.RemovalVersion, version.ToByteArray(),
            IndicatorColumns.Encoding(version), RelayPathColumn.Write(latest.RelayPath), _lastStoredUs));
        LastSequence = sequence;
        return sequence;
    }
}
