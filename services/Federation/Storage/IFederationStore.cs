namespace CyberPledge.Federation.Storage;

/// <summary>
/// What Federation keeps durably (SQLite by default, PostgreSQL for replicas): each inbound link's cursor, stored only
/// after what it covers was applied (Decision 4), and the key that seals the cursors this node gives its subscribers.
/// </summary>
internal partial interface IFederationStore : IAsyncDisposable
{
    /// <summary>Opens (and creates or migrates) the store.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>The cursor of the inbound link from <paramref name="nation"/>, if one was stored.</summary>
    Task<LinkCursor?> GetCursorAsync(string nation, CancellationToken cancellationToken);

    /// <summary>Stores the cursor of the inbound link from <paramref name="nation"/> durably.</summary>
    Task SaveCursorAsync(string nation, LinkCursor cursor, CancellationToken cancellationToken);

    /// <summary>The 256-bit key that seals this node's outgoing cursors, made once and kept.</summary>
    Task<byte[]> GetOrCreateSealingKeyAsync(CancellationToken cancellationToken);
}

/// <summary>An inbound link's position: the peer's opaque cursor and how many records were applied through it.</summary>
internal sealed record LinkCursor(byte[] Cursor, ulong Applied, DateTimeOffset SavedAt);
