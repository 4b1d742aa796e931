using System.Data.Common;
using CyberPledge.Storage;
using Npgsql;

namespace CyberPledge.Federation.Storage.Postgres;

/// <summary>
/// The store for nodes running several replicas: one PostgreSQL database shared by them (the same tables as
/// <see cref="SqliteFederationStore"/>), each statement on a pooled connection.
/// </summary>
internal sealed partial class PostgresFederationStore(string connectionString) : FederationStoreBase
{
    private static readonly SchemaMigration[] Migrations =
    [
        new(1, """
        CREATE TABLE link_cursors (nation text PRIMARY KEY, cursor bytea NOT NULL, applied bigint NOT NULL, saved_at_us bigint NOT NULL);
        CREATE TABLE node_keys (name text PRIMARY KEY, key bytea NOT NULL);
        """),
        new(2, """
        CREATE TABLE embargo_holds (grantee text NOT NULL, sequence bigint NOT NULL, release_ticks bigint NOT NULL, change_event bytea NOT NULL,
            PRIMARY KEY (grantee, sequence));
        CREATE INDEX embargo_holds_by_release ON embargo_holds (grantee, release_ticks, sequence);
        """),
        new(3, """
        CREATE TABLE disabled_links (nation text PRIMARY KEY, reason text NOT NULL, disabled_at_us bigint NOT NULL);
        """),
        new(4, """
        CREATE TABLE sent_copies (grantee text NOT NULL, origin_nation text NOT NULL, origin_node text NOT NULL, indicator_id text NOT NULL,
            sent_sequence bigint NOT NULL, withdrawn_sequence bigint NOT NULL,
            PRIMARY KEY (grantee, origin_nation, origin_node, indicator_id));
        """),
        new(5, """
        CREATE TABLE taxii_statuses (id text PRIMARY KEY, owner text NOT NULL, collection_id text NOT NULL, source text NOT NULL,
            requested_at_us bigint NOT NULL, total_count bigint NOT NULL, completed_at_us bigint, details text, objects text);
        CREATE INDEX taxii_statuses_by_completion ON taxii_statuses (completed_at_us, requested_at_us);
        """),
        // The TAXII connector's sources and the objects they could not import (docs/taxii.md, "Connector").
        new(6, """
        CREATE TABLE taxii_sources (name text PRIMARY KEY, collection_url text NOT NULL, authentication text NOT NULL, sealed_credentials bytea NOT NULL,
            ca_pem text NOT NULL, poll_interval_ms bigint NOT NULL, added_by text NOT NULL, added_at_us bigint NOT NULL,
            position text NOT NULL, imported bigint NOT NULL, failed bigint NOT NULL, state text NOT NULL, last_error text NOT NULL, last_poll_us bigint);
        CREATE TABLE taxii_import_failures (source text NOT NULL, seq bigint NOT NULL, stix_id text NOT NULL, version text NOT NULL, reason text NOT NULL,
            at_us bigint NOT NULL, PRIMARY KEY (source, seq));
        """),
    ];

    private NpgsqlDataSource? _dataSource;
    private int _disposed;

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_dataSource is not null)
        {
            return;
        }

        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                SchemaMigrator.Migrate(connection, StoreName, Migrations);
            }
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _dataSource = dataSource;
    }

    protected override async Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var dataSource = _dataSource ?? throw new InvalidOperationException("The federation store is not open.");
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return work(connection);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
