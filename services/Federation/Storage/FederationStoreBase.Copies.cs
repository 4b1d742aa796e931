namespace CyberPledge.Federation.Storage;

/// <summary>The grantees' copies (IFederationStore.Copies.cs), in the SQL both databases read.</summary>
internal abstract partial class FederationStoreBase
{
    private const string MergeCopy = """
        INSERT INTO sent_copies (grantee, origin_nation, origin_node, indicator_id, sent_sequence, withdrawn_sequence)
        VALUES (@grantee, @nation, @node, @id, @sent, @withdrawn)
        ON CONFLICT (grantee, origin_nation, origin_node, indicator_id) DO UPDATE SET
            sent_sequence = CASE WHEN excluded.sent_sequence > sent_copies.sent_sequence THEN excluded.sent_sequence ELSE sent_copies.sent_sequence END,
            withdrawn_sequence = CASE WHEN excluded.withdrawn_sequence > sent_copies.withdrawn_sequence THEN excluded.withdrawn_sequence ELSE sent_copies.withdrawn_sequence END
        """;

    public Task<IReadOnlyDictionary<CopyKey, SentCopy>> GetCopiesAsync(string grantee, IReadOnlyCollection<CopyKey> keys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grantee);
        ArgumentNullException.ThrowIfNull(keys);
        return RunAsync<IReadOnlyDictionary<CopyKey, SentCopy>>(connection =>
        {
            var copies = new Dictionary<CopyKey, SentCopy>();
            foreach (var key in keys)
            {
                using var command = Command(connection, """
                    SELECT sent_sequence, withdrawn_sequence FROM sent_copies
                    WHERE grantee = @grantee AND origin_nation = @nation AND origin_node = @node AND indicator_id = @id
                    """,
                    ("grantee", grantee), ("nation", key.OriginNation), ("node", key.OriginNodeId), ("id", key.IndicatorId));
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    copies[key] = new SentCopy((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1));
                }
            }

            return copies;
        }, cancellationToken);
    }

    public Task SaveCopiesAsync(string grantee, IReadOnlyCollection<KeyValuePair<CopyKey, SentCopy>> updates, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grantee);
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return Task.CompletedTask;
        }

        return RunAsync(connection =>
        {
            // One transaction: one durable commit for a turn's sends, however many.
            using var transaction = connection.BeginTransaction();
            foreach (var (key, copy) in updates)
            {
                using var command = Command(connection, MergeCopy,
                    ("grantee", grantee), ("nation", key.OriginNation), ("node", key.OriginNodeId), ("id", key.IndicatorId),
                    ("sent", checked((long)copy.Sent)), ("withdrawn", checked((long)copy.Withdrawn)));
                command.Transaction = transaction;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return updates.Count;
        }, cancellationToken);
    }
}
