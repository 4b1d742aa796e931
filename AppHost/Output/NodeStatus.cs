using CyberPledge.AppHost.Processes;
using CyberPledge.V1;

namespace CyberPledge.AppHost.Output;

/// <summary>What the status table shows of one node at one moment.</summary>
internal sealed class NodeStatus
{
    public required string Nation { get; init; }

    public required Tier Tier { get; init; }

    public required IReadOnlyList<ServiceStatus> Services { get; init; }

    /// <summary>Whether the gateway answered SERVING for the whole node.</summary>
    public bool Serving { get; init; }

    /// <summary>The node's feed sequence (versions stored, its own and received), when the gateway answered.</summary>
    public ulong? FeedSequence { get; init; }

    /// <summary>The links as Federation's ListLinks shows them, when it answered.</summary>
    public IReadOnlyList<LinkStatus>? Links { get; init; }
}

/// <summary>One service process: its supervision state, restarts and its own health answer.</summary>
internal sealed record ServiceStatus(ServiceKind Kind, ProcessState State, int Restarts, int? ProcessId, bool? Healthy);
