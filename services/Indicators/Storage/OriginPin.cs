namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The node's origin, pinned to its store (DESIGN.md, decision 17): one row, written by the first
/// open and never changed, so replicas sharing a database share an origin. The same SQL on SQLite
/// and PostgreSQL ($1, $2 are positional on PostgreSQL and named "$1", "$2" on SQLite).
/// </summary>
internal static class OriginPin
{
    /// <summary>The migration that adds the table (version 2 of both stores).</summary>
    public const string Table = """
        CREATE TABLE node_origin (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            nation text NOT NULL,
            node_id text NOT NULL)
        """;

    /// <summary>Pins the requested origin unless one is pinned already; a concurrent first pin waits for the other and does nothing.</summary>
    public const string Insert = "INSERT INTO node_origin (nation, node_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

    public const string Select = "SELECT nation, node_id FROM node_origin";
}
