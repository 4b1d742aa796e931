namespace Grpc.Core;

/// <summary>Carries a server call's deadline and cancellation into the calls it makes.</summary>
public abstract class ContextPropagationToken
{
}

/// <summary>What a propagation token carries.</summary>
public class ContextPropagationOptions
{
    /// <summary>The default: propagate deadline and cancellation.</summary>
    public static readonly ContextPropagationOptions Default = new();

    /// <summary>Creates options.</summary>
    public ContextPropagationOptions(bool propagateDeadline = true, bool propagateCancellation = true)
    {
        IsPropagateDeadline = propagateDeadline;
        IsPropagateCancellation = propagateCancellation;
    }

    /// <summary>Whether the deadline is propagated.</summary>
    public bool IsPropagateDeadline { get; }

    /// <summary>Whether cancellation is propagated.</summary>
    public bool IsPropagateCancellation { get; }
}
