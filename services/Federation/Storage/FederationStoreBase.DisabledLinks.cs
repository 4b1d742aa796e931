using CyberPledge.Storage;

namespace CyberPledge.Federation.Storage;

/// <summary>The cut links (IFederationStore.DisabledLinks.cs), in the SQL both databases read.</summary>
internal abstract partial class FederationStoreBase
{
    public Task<IReadOnlyList<DisabledLink>> DisabledLinksAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<DisabledLink>>(connection =>
        {
            using var command = Command(connection, "SELECT nation, reason, disabled_at_us FROM disabled_links ORDER BY nation");
            using var reader = command.ExecuteReader();
            var links = new List<DisabledLink>();
            while (reader.Read())
            {
                links.Add(new DisabledLink(reader.GetString(0), reader.GetString(1), StoreTime.FromUnixMicroseconds(reader.GetInt64(2))));
            }

            return links;
        }, cancellationToken);

    public Task DisableLinkAsync(DisabledLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentException.ThrowIfNullOrEmpty(link.Nation);
        return RunAsync(connection =>
        {
            using var command = Command(connection, """
                INSERT INTO disabled_links (nation, reason, disabled_at_us) VALUES (@nation, @reason, @at)
                ON CONFLICT (nation) DO UPDATE SET reason = excluded.reason, disabled_at_us = excluded.disabled_at_us
                """,
                ("nation", link.Nation), ("reason", link.Reason), ("at", StoreTime.ToUnixMicroseconds(link.DisabledAt)));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<bool> EnableLinkAsync(string nation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nation);
        return RunAsync(connection =>
        {
            using var command = Command(connection, "DELETE FROM disabled_links WHERE nation = @nation", ("nation", nation));
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }
}
