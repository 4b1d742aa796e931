namespace Grpc.Core;

/// <summary>Starts calls; a channel's invoker sends them over the network.</summary>
public abstract class CallInvoker
{
    /// <summary>Makes a unary call and waits for its response.</summary>
    public abstract TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a unary call.</summary>
    public abstract AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a server streaming call.</summary>
    public abstract AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a client streaming call.</summary>
    public abstract AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        where TRequest : class where TResponse : class;

    /// <summary>Starts a duplex streaming call.</summary>
    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        where TRequest : class where TResponse : class;
}

/// <summary>A channel: a virtual connection to one target that creates call invokers.</summary>
public abstract class ChannelBase
{
    /// <summary>Creates a channel for a target.</summary>
    protected ChannelBase(string target) => Target = target ?? throw new ArgumentNullException(nameof(target));

    /// <summary>The target the channel connects to.</summary>
    public string Target { get; }

    /// <summary>Creates the invoker that sends calls over this channel.</summary>
    public abstract CallInvoker CreateCallInvoker();

    /// <summary>Shuts the channel down.</summary>
    public Task ShutdownAsync() => ShutdownAsyncCore();

    /// <summary>Implementation of <see cref="ShutdownAsync"/>.</summary>
    protected virtual Task ShutdownAsyncCore() => Task.CompletedTask;
}
