using System.Data.Common;
using CyberPledge.Storage;

namespace CyberPledge.Federation.Storage;

/// <summary>The TAXII connector's sources and failures (IFederationStore.TaxiiSources.cs), in the SQL both databases read.</summary>
internal abstract partial class FederationStoreBase
{
    private const string SourceColumns = """
        name, collection_url, authentication, sealed_credentials, ca_pem, poll_interval_ms, added_by, added_at_us,
        position, imported, failed, state, last_error, last_poll_us
        """;

    public Task<bool> AddTaxiiSourceAsync(StoredTaxiiSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunAsync(connection =>
        {
            using var command = Command(connection, $"""
                INSERT INTO taxii_sources ({SourceColumns})
                VALUES (@name, @url, @authentication, @credentials, @ca, @interval, @by, @at, '', 0, 0, @state, '', NULL)
                ON CONFLICT (name) DO NOTHING
                """,
                ("name", source.Name), ("url", source.CollectionUrl), ("authentication", source.Authentication), ("credentials", source.SealedCredentials),
                ("ca", source.CaCertificatePem), ("interval", (long)source.PollInterval.TotalMilliseconds), ("by", source.AddedBy),
                ("at", StoreTime.ToUnixMicroseconds(source.AddedAt)), ("state", TaxiiSourceStates.Idle));
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredTaxiiSource>> TaxiiSourcesAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<StoredTaxiiSource>>(connection =>
        {
            using var command = Command(connection, $"SELECT {SourceColumns} FROM taxii_sources ORDER BY name");
            using var reader = command.ExecuteReader();
            var sources = new List<StoredTaxiiSource>();
            while (reader.Read())
            {
                sources.Add(ReadSource(reader));
            }

            return sources;
        }, cancellationToken);

    public Task<bool> RemoveTaxiiSourceAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var failures = Command(connection, "DELETE FROM taxii_import_failures WHERE source = @name", ("name", name));
            failures.Transaction = transaction;
            failures.ExecuteNonQuery();
            using var source = Command(connection, "DELETE FROM taxii_sources WHERE name = @name", ("name", name));
            source.Transaction = transaction;
            var removed = source.ExecuteNonQuery() > 0;
            transaction.Commit();
            return removed;
        }, cancellationToken);
    }

    public Task SaveTaxiiPageAsync(string name, string position, long imported, IReadOnlyList<TaxiiImportFailureRecord> failures, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(failures);
        return RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var update = Command(connection, """
                UPDATE taxii_sources SET position = @position, imported = imported + @imported, failed = failed + @failed WHERE name = @name
                """, ("name", name), ("position", position), ("imported", imported), ("failed", (long)failures.Count));
            update.Transaction = transaction;
            if (update.ExecuteNonQuery() == 0)
            {
                // Removed while its page was imported: nothing of it is kept.
                return 0;
            }

            if (failures.Count > 0)
            {
                InsertFailures(connection, transaction, name, failures);
            }

            transaction.Commit();
            return failures.Count;
        }, cancellationToken);
    }

    public Task SetTaxiiSourceStatusAsync(string name, TaxiiSourceStatus status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(status);
        return RunAsync(connection =>
        {
            using var command = Command(connection, "UPDATE taxii_sources SET state = @state, last_error = @error, last_poll_us = @poll WHERE name = @name",
                ("name", name), ("state", status.State), ("error", status.LastError),
                ("poll", status.LastPoll is { } poll ? StoreTime.ToUnixMicroseconds(poll) : DBNull.Value));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TaxiiImportFailureRecord>> TaxiiImportFailuresAsync(string name, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return RunAsync<IReadOnlyList<TaxiiImportFailureRecord>>(connection =>
        {
            using var command = Command(connection, """
                SELECT stix_id, version, reason, at_us FROM taxii_import_failures WHERE source = @name ORDER BY seq DESC LIMIT @limit
                """, ("name", name), ("limit", (long)limit));
            using var reader = command.ExecuteReader();
            var failures = new List<TaxiiImportFailureRecord>();
            while (reader.Read())
            {
                failures.Add(new TaxiiImportFailureRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), StoreTime.FromUnixMicroseconds(reader.GetInt64(3))));
            }

            return failures;
        }, cancellationToken);
    }

    private static void InsertFailures(DbConnection connection, DbTransaction transaction, string name, IReadOnlyList<TaxiiImportFailureRecord> failures)
    {
        using var last = Command(connection, "SELECT COALESCE(MAX(seq), 0) FROM taxii_import_failures WHERE source = @name", ("name", name));
        last.Transaction = transaction;
        var seq = Convert.ToInt64(last.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var failure in failures)
        {
            var reason = failure.Reason.Length > TaxiiSourceLimits.ReasonLength ? failure.Reason[..TaxiiSourceLimits.ReasonLength] : failure.Reason;
            using var insert = Command(connection, """
                INSERT INTO taxii_import_failures (source, seq, stix_id, version, reason, at_us) VALUES (@name, @seq, @id, @version, @reason, @at)
                """, ("name", name), ("seq", ++seq), ("id", failure.StixId), ("version", failure.Version), ("reason", reason),
                ("at", StoreTime.ToUnixMicroseconds(failure.At)));
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
        }

        using var trim = Command(connection, "DELETE FROM taxii_import_failures WHERE source = @name AND seq <= @oldest",
            ("name", name), ("oldest", seq - TaxiiSourceLimits.FailuresKept));
        trim.Transaction = transaction;
        trim.ExecuteNonQuery();
    }

    private static StoredTaxiiSource ReadSource(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), reader.GetString(4),
        TimeSpan.FromMilliseconds(reader.GetInt64(5)), reader.GetString(6), StoreTime.FromUnixMicroseconds(reader.GetInt64(7)))
    {
        Position = reader.GetString(8),
        Imported = reader.GetInt64(9),
        Failed = reader.GetInt64(10),
        Status = new TaxiiSourceStatus(reader.GetString(11), reader.GetString(12), reader.IsDBNull(13) ? null : StoreTime.FromUnixMicroseconds(reader.GetInt64(13))),
    };
}
