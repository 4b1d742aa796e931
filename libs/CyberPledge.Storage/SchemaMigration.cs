namespace CyberPledge.Storage;

/// <summary>
/// One step of a store's schema: the SQL that takes the schema from version
/// <paramref name="Version"/> - 1 to <paramref name="Version"/>. A store lists its migrations in
/// order, numbered from 1; a released migration never changes (a change is a new one).
/// </summary>
/// <param name="Version">The version the schema is at once this migration is applied.</param>
/// <param name="Sql">The statements, run in one transaction with the version's record.</param>
public sealed record SchemaMigration(int Version, string Sql);
