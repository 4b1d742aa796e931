using System.Data.Common;
using CyberPledge.Storage;

namespace CyberPledge.Federation.Storage;

/// <summary>The TAXII POST statuses (IFederationStore.TaxiiStatuses.cs), in the SQL both databases read.</summary>
internal abstract partial class FederationStoreBase
{
    private const string StatusColumns = "id, owner, collection_id, source, requested_at_us, total_count, completed_at_us, details";

    public Task AddTaxiiStatusAsync(TaxiiStatusRecord status, string objectsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(objectsJson);
        return RunAsync(connection =>
        {
            using var command = Command(connection, $"""
                INSERT INTO taxii_statuses ({StatusColumns}, objects)
                VALUES (@id, @owner, @collection, @source, @requested, @total, NULL, NULL, @objects)
                """,
                ("id", status.Id), ("owner", status.Owner), ("collection", status.CollectionId), ("source", status.Source),
                ("requested", StoreTime.ToUnixMicroseconds(status.RequestedAt)), ("total", (long)status.TotalCount), ("objects", objectsJson));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<TaxiiStatusRecord?> GetTaxiiStatusAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(connection =>
        {
            using var command = Command(connection, $"SELECT {StatusColumns} FROM taxii_statuses WHERE id = @id", ("id", id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadStatus(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<PendingTaxiiImport>> PendingTaxiiImportsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<PendingTaxiiImport>>(connection =>
        {
            using var command = Command(connection,
                $"SELECT {StatusColumns}, objects FROM taxii_statuses WHERE completed_at_us IS NULL ORDER BY requested_at_us, id");
            using var reader = command.ExecuteReader();
            var pending = new List<PendingTaxiiImport>();
            while (reader.Read())
            {
                pending.Add(new PendingTaxiiImport(ReadStatus(reader), reader.GetString(8)));
            }

            return pending;
        }, cancellationToken);

    public Task CompleteTaxiiStatusAsync(string id, DateTimeOffset completedAt, string detailsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detailsJson);
        return RunAsync(connection =>
        {
            using var command = Command(connection,
                "UPDATE taxii_statuses SET completed_at_us = @completed, details = @details, objects = NULL WHERE id = @id AND completed_at_us IS NULL",
                ("id", id), ("completed", StoreTime.ToUnixMicroseconds(completedAt)), ("details", detailsJson));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<int> DeleteTaxiiStatusesBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        RunAsync(connection =>
        {
            using var command = Command(connection, "DELETE FROM taxii_statuses WHERE completed_at_us < @cutoff",
                ("cutoff", StoreTime.ToUnixMicroseconds(cutoff)));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static TaxiiStatusRecord ReadStatus(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        StoreTime.FromUnixMicroseconds(reader.GetInt64(4)), checked((int)reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : StoreTime.FromUnixMicroseconds(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7));
}
