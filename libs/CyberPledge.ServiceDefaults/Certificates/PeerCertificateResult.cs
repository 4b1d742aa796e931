using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>Whether a presented certificate belongs to a registered peer nation, which node it names, or why it is refused.</summary>
public sealed class PeerCertificateResult
{
    private PeerCertificateResult(string? nation, string? nodeId, string? failure)
    {
        Nation = nation;
        NodeId = nodeId;
        Failure = failure;
    }

    /// <summary>True when the certificate belongs to a registered peer: <see cref="Nation"/> and <see cref="NodeId"/> are set.</summary>
    public bool IsTrusted => Failure is null;

    /// <summary>The nation of the registry entry that vouched for the certificate (its CA or its pinned fingerprint).</summary>
    public string? Nation { get; }

    /// <summary>The node id, the certificate's CN.</summary>
    public string? NodeId { get; }

    /// <summary>Why the certificate is refused, precise enough for a log line; null when trusted.</summary>
    public string? Failure { get; }

    /// <summary>The caller's role, <c>node:NLD:n1</c>, when trusted.</summary>
    public string? Role => IsTrusted ? Roles.Node(Nation!, NodeId!) : null;

    /// <inheritdoc />
    public override string ToString() => IsTrusted ? $"trusted {Role}" : "refused: " + Failure;

    internal static PeerCertificateResult Trusted(string nation, string nodeId) => new(nation, nodeId, failure: null);

    internal static PeerCertificateResult Refused(string failure) => new(nation: null, nodeId: null, failure);
}
