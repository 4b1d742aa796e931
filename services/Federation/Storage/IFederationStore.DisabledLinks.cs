namespace CyberPledge.Federation.Storage;

/// <summary>
/// Inbound links cut after too many rejections (SECURITY.md rule 7): kept durably, so a cut link stays down across
/// restarts until an administrator enables it again (EnableLink).
/// </summary>
internal partial interface IFederationStore
{
    /// <summary>Every link that is cut, by nation.</summary>
    Task<IReadOnlyList<DisabledLink>> DisabledLinksAsync(CancellationToken cancellationToken);

    /// <summary>Records <paramref name="link"/> as cut, durably before returning; cutting it again replaces why and when.</summary>
    Task DisableLinkAsync(DisabledLink link, CancellationToken cancellationToken);

    /// <summary>Forgets that the link from <paramref name="nation"/> is cut; false when it was not.</summary>
    Task<bool> EnableLinkAsync(string nation, CancellationToken cancellationToken);
}

/// <summary>A cut inbound link: its peer nation, why it was cut and when.</summary>
internal sealed record DisabledLink(string Nation, string Reason, DateTimeOffset DisabledAt);
