namespace CyberPledge.Federation.Storage;

/// <summary>The embargo holds of the outgoing feed (IFederationStore.Releases.cs), in the SQL both databases read.</summary>
internal abstract partial class FederationStoreBase
{
    // "After a position" in (release time, sequence) order, as one predicate on both databases.
    private const string AfterPosition = "(release_ticks > @after_ticks OR (release_ticks = @after_ticks AND sequence > @after_sequence))";

    public Task HoldAsync(string grantee, EmbargoHold hold, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grantee);
        ArgumentNullException.ThrowIfNull(hold);
        return RunAsync(connection =>
        {
            using var command = Command(connection, """
                INSERT INTO embargo_holds (grantee, sequence, release_ticks, change_event) VALUES (@grantee, @sequence, @release_ticks, @change_event)
                ON CONFLICT (grantee, sequence) DO UPDATE SET release_ticks = excluded.release_ticks, change_event = excluded.change_event
                """,
                ("grantee", grantee), ("sequence", checked((long)hold.Sequence)), ("release_ticks", hold.ReleaseAt.UtcTicks), ("change_event", hold.ChangeEvent));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<EmbargoHold>> DueHoldsAsync(string grantee, ReleasePosition after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grantee);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunAsync<IReadOnlyList<EmbargoHold>>(connection =>
        {
            using var command = Command(connection, $"""
                SELECT sequence, release_ticks, change_event FROM embargo_holds
                WHERE grantee = @grantee AND {AfterPosition} AND release_ticks <= @up_to
                ORDER BY release_ticks, sequence LIMIT @limit
                """,
                [("grantee", grantee), .. Position(after), ("up_to", upTo.UtcTicks), ("limit", limit)]);
            using var reader = command.ExecuteReader();
            var holds = new List<EmbargoHold>();
            while (reader.Read())
            {
                holds.Add(new EmbargoHold((ulong)reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), (byte[])reader.GetValue(2)));
            }

            return holds;
        }, cancellationToken);
    }

    public Task<DateTimeOffset?> NextReleaseAsync(string grantee, ReleasePosition after, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grantee);
        return RunAsync<DateTimeOffset?>(connection =>
        {
            using var command = Command(connection, $"SELECT MIN(release_ticks) FROM embargo_holds WHERE grantee = @grantee AND {AfterPosition}",
                [("grantee", grantee), .. Position(after)]);
            return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }, cancellationToken);
    }

    public Task ForgetHoldsAsync(string grantee, ReleasePosition upTo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grantee);
        return RunAsync(connection =>
        {
            using var command = Command(connection,
                "DELETE FROM embargo_holds WHERE grantee = @grantee AND (release_ticks < @ticks OR (release_ticks = @ticks AND sequence <= @sequence))",
                ("grantee", grantee), ("ticks", upTo.ReleaseTicks), ("sequence", checked((long)upTo.Sequence)));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    private static (string Name, object Value)[] Position(ReleasePosition position) =>
        [("after_ticks", position.ReleaseTicks), ("after_sequence", checked((long)position.Sequence))];
}
