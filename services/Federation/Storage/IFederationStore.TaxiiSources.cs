namespace CyberPledge.Federation.Storage;

/// <summary>
/// The TAXII connector's sources (docs/taxii.md, "Connector"): external collections this node pulls, each with its
/// sealed credentials, its position (the last X-TAXII-Date-Added-Last imported up to) and counters, and the objects
/// it could not import, the newest <see cref="TaxiiSourceLimits.FailuresKept"/> per source.
/// </summary>
internal partial interface IFederationStore
{
    /// <summary>Adds <paramref name="source"/>, durably; false when a source with its name exists (nothing changed).</summary>
    Task<bool> AddTaxiiSourceAsync(StoredTaxiiSource source, CancellationToken cancellationToken);

    /// <summary>Every source, by name.</summary>
    Task<IReadOnlyList<StoredTaxiiSource>> TaxiiSourcesAsync(CancellationToken cancellationToken);

    /// <summary>Removes the source <paramref name="name"/> and its failures; false when there was none.</summary>
    Task<bool> RemoveTaxiiSourceAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Records one imported page in one transaction: its <paramref name="failures"/> (the oldest beyond
    /// <see cref="TaxiiSourceLimits.FailuresKept"/> dropped), the counters, and the position advanced to
    /// <paramref name="position"/>. Nothing when the source was removed meanwhile.
    /// </summary>
    Task SaveTaxiiPageAsync(string name, string position, long imported, IReadOnlyList<TaxiiImportFailureRecord> failures, CancellationToken cancellationToken);

    /// <summary>Records how the source's last poll went (state, error, when).</summary>
    Task SetTaxiiSourceStatusAsync(string name, TaxiiSourceStatus status, CancellationToken cancellationToken);

    /// <summary>The source's failures, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TaxiiImportFailureRecord>> TaxiiImportFailuresAsync(string name, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// A source as stored: what the administrator gave (credentials sealed, see <c>TaxiiCredentialSealer</c>) and where it
/// stands. <see cref="Authentication"/> is "basic", "bearer" or "none"; <see cref="Position"/> is empty before the
/// first page.
/// </summary>
internal sealed record StoredTaxiiSource(
    string Name,
    string CollectionUrl,
    string Authentication,
    byte[] SealedCredentials,
    string CaCertificatePem,
    TimeSpan PollInterval,
    string AddedBy,
    DateTimeOffset AddedAt)
{
    public string Position { get; init; } = "";

    public long Imported { get; init; }

    public long Failed { get; init; }

    public TaxiiSourceStatus Status { get; init; } = new(TaxiiSourceStates.Idle, "", null);
}

/// <summary>A source's state ("idle", "polling", "failing"), its last error (empty when none) and its last poll.</summary>
internal sealed record TaxiiSourceStatus(string State, string LastError, DateTimeOffset? LastPoll);

/// <summary>The stored names of a source's states.</summary>
internal static class TaxiiSourceStates
{
    public const string Idle = "idle";
    public const string Polling = "polling";
    public const string Failing = "failing";
}

/// <summary>One object a source could not import: its id and version where readable, why, and when.</summary>
internal sealed record TaxiiImportFailureRecord(string StixId, string Version, string Reason, DateTimeOffset At);

/// <summary>Bounds on what the store keeps per source.</summary>
internal static class TaxiiSourceLimits
{
    /// <summary>The newest failures kept per source.</summary>
    public const int FailuresKept = 10_000;

    /// <summary>The longest reason kept (a longer one is cut).</summary>
    public const int ReasonLength = 1024;
}
