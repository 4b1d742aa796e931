namespace CyberPledge.Storage.Leases;

/// <summary>
/// The tables a store adds in a migration of its own: <c>leases</c> where the store's service owns work through a lease,
/// <c>fences</c> where it stores writes that other owners make under a lease (<see cref="Fences"/>).
/// </summary>
public static class LeaseSchema
{
    public const string Sqlite = """
        CREATE TABLE IF NOT EXISTS leases (
            name TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            fencing INTEGER NOT NULL,
            expires_ticks INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fences (
            name TEXT PRIMARY KEY,
            fencing INTEGER NOT NULL
        );
        """;

    public const string Postgres = """
        CREATE TABLE IF NOT EXISTS leases (
            name TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            fencing BIGINT NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE IF NOT EXISTS fences (
            name TEXT PRIMARY KEY,
            fencing BIGINT NOT NULL
        );
        """;
}
