using CyberPledge.Storage;
using Google.Protobuf;

namespace CyberPledge.Indicators.Storage;

/// <summary>The providers of foreign indicators, and an indicator's removal when the last one withdraws (SECURITY.md rule 6).</summary>
internal sealed partial class SqliteWriteTransaction
{
    public void AddProvider(string id, string provider) =>
        Command("INSERT INTO foreign_providers (indicator_id, provider) VALUES ($p0, $p1) ON CONFLICT DO NOTHING", id, provider).ExecuteNonQuery();

    public IReadOnlyList<string> FindProviders(string id)
    {
        using var reader = Command("SELECT provider FROM foreign_providers WHERE indicator_id = $p0 ORDER BY provider", id).ExecuteReader();
        var providers = new List<string>();
        while (reader.Read())
        {
            providers.Add(reader.GetString(0));
        }

        return providers;
    }

    public void RemoveProvider(string id, string provider) =>
        Command("DELETE FROM foreign_providers WHERE indicator_id = $p0 AND provider = $p1", id, provider).ExecuteNonQuery();

    public ulong Remove(StoredIndicator latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var version = latest.Indicator;
        var sequence = LastSequence + 1;
        // Its versions (an earlier removal's row too) leave the feed; the removal takes their place at the feed's end.
        Command("DELETE FROM versions WHERE indicator_id = $p0", version.Id).ExecuteNonQuery();
        Command("DELETE FROM indicators WHERE id = $p0", version.Id).ExecuteNonQuery();
        Command("DELETE FROM foreign_providers WHERE indicator_id = $p0", version.Id).ExecuteNonQuery();
        _insertVersion.Bind(1, (long)sequence).Bind(2, version.Id).Bind(3, StoredRows.RemovalVersion).Bind(4, version.ToByteArray())
            .Bind(5, IndicatorColumns.Encoding(version)).Bind(6, RelayPathColumn.Write(latest.RelayPath)).Bind(7, Array.Empty<byte>())
            .Bind(8, StoreTime.ToUnixMicroseconds(_time.GetUtcNow()))
            .Execute();
        var key = ValueIndex.Key(version.Type, version.Value);
        _valueIndex.Set(key, [.. _valueIndex.Current(key).Where(s => s != (long)latest.Sequence)]);
        LastSequence = sequence;
        return sequence;
    }
}
