using Grpc.Core;

namespace Grpc.Net.Internal;

/// <summary>
/// A server call's deadline and cancellation, made by <see cref="ServerCallContext.CreatePropagationToken"/> and
/// honoured by the client when passed in <see cref="CallOptions.PropagationToken"/>, so a call made while handling
/// another ends no later than its parent.
/// </summary>
internal sealed class PropagationToken(DateTime? deadline, CancellationToken cancellationToken) : ContextPropagationToken
{
    /// <summary>The parent's deadline (UTC), when propagated and set.</summary>
    public DateTime? Deadline { get; } = deadline == DateTime.MaxValue ? null : deadline;

    /// <summary>The parent's cancellation, when propagated.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The earlier of a call's own deadline and the propagated one.</summary>
    public static DateTime? EarlierDeadline(DateTime? own, ContextPropagationToken? token) =>
        (own, (token as PropagationToken)?.Deadline) switch
        {
            (null, var propagated) => propagated,
            (var mine, null) => mine,
            (var mine, var propagated) => mine < propagated ? mine : propagated,
        };
}
