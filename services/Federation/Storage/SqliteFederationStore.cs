using System.Data.Common;
using CyberPledge.Storage;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Federation.Storage;

/// <summary>
/// The embedded store: one SQLite database (WAL, synchronous=FULL so a stored cursor survives a power loss) in the
/// data directory, locked against a second process. Its writes are a few small rows per applied batch, so one
/// connection taken in turn serves them.
/// </summary>
internal sealed partial class SqliteFederationStore(string dataDirectory) : FederationStoreBase
{
    public const string FileName = "federation.db";

    private static readonly SchemaMigration[] Migrations =
    [
        new(1, """
        CREATE TABLE link_cursors (nation TEXT PRIMARY KEY, cursor BLOB NOT NULL, applied INTEGER NOT NULL, saved_at_us INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE node_keys (name TEXT PRIMARY KEY, key BLOB NOT NULL) WITHOUT ROWID;
        """),
        new(2, """
        CREATE TABLE embargo_holds (grantee TEXT NOT NULL, sequence INTEGER NOT NULL, release_ticks INTEGER NOT NULL, change_event BLOB NOT NULL,
            PRIMARY KEY (grantee, sequence)) WITHOUT ROWID;
        CREATE INDEX embargo_holds_by_release ON embargo_holds (grantee, release_ticks, sequence);
        """),
        new(3, """
        CREATE TABLE disabled_links (nation TEXT PRIMARY KEY, reason TEXT NOT NULL, disabled_at_us INTEGER NOT NULL) WITHOUT ROWID;
        """),
        // What each grantee holds from this node, for withdrawals (SECURITY.md rule 6).
        new(4, """
        CREATE TABLE sent_copies (grantee TEXT NOT NULL, origin_nation TEXT NOT NULL, origin_node TEXT NOT NULL, indicator_id TEXT NOT NULL,
            sent_sequence INTEGER NOT NULL, withdrawn_sequence INTEGER NOT NULL,
            PRIMARY KEY (grantee, origin_nation, origin_node, indicator_id)) WITHOUT ROWID;
        """),
        // TAXII POST statuses (docs/taxii.md "Import (POST)"): the objects kept until imported, then the outcomes.
        new(5, """
        CREATE TABLE taxii_statuses (id TEXT PRIMARY KEY, owner TEXT NOT NULL, collection_id TEXT NOT NULL, source TEXT NOT NULL,
            requested_at_us INTEGER NOT NULL, total_count INTEGER NOT NULL, completed_at_us INTEGER, details TEXT, objects TEXT) WITHOUT ROWID;
        CREATE INDEX taxii_statuses_by_completion ON taxii_statuses (completed_at_us, requested_at_us);
        """),
        // The TAXII connector's sources and the objects they could not import (docs/taxii.md, "Connector").
        new(6, """
        CREATE TABLE taxii_sources (name TEXT PRIMARY KEY, collection_url TEXT NOT NULL, authentication TEXT NOT NULL, sealed_credentials BLOB NOT NULL,
            ca_pem TEXT NOT NULL, poll_interval_ms INTEGER NOT NULL, added_by TEXT NOT NULL, added_at_us INTEGER NOT NULL,
            position TEXT NOT NULL, imported INTEGER NOT NULL, failed INTEGER NOT NULL, state TEXT NOT NULL, last_error TEXT NOT NULL, last_poll_us INTEGER) WITHOUT ROWID;
        CREATE TABLE taxii_import_failures (source TEXT NOT NULL, seq INTEGER NOT NULL, stix_id TEXT NOT NULL, version TEXT NOT NULL, reason TEXT NOT NULL,
            at_us INTEGER NOT NULL, PRIMARY KEY (source, seq)) WITHOUT ROWID;
        """),
    ];

    private readonly SemaphoreSlim _turn = new(1, 1);
    private DataDirectoryLock? _lock;
    private SqliteConnection? _connection;
    private int _disposed;

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_connection is not null)
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(dataDirectory);
        var directoryLock = DataDirectoryLock.Acquire(dataDirectory, StoreName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
                pragmas.ExecuteNonQuery();
            }

            SchemaMigrator.Migrate(connection, StoreName, Migrations);
        }
        catch
        {
            // A refused open (a newer build's schema, say) leaves the directory free to open again.
            connection.Dispose();
            directoryLock.Dispose();
            throw;
        }

        _lock = directoryLock;
        _connection = connection;
        return Task.CompletedTask;
    }

    protected override async Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = _connection ?? throw new InvalidOperationException("The federation store is not open.");
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(connection);
        }
        finally
        {
            _turn.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for a statement in flight, so the connection is not closed under it.
        await _turn.WaitAsync().ConfigureAwait(false);
        _connection?.Dispose();
        _lock?.Dispose();
        _turn.Dispose();
    }
}
