using Grpc.Core.Interceptors;

namespace Grpc.Core;

/// <summary>The base of generated clients of type <typeparamref name="T"/>.</summary>
public abstract class ClientBase<T> : ClientBase where T : ClientBase<T>
{
    /// <summary>For mocking: a client whose calls fail as unimplemented.</summary>
    protected ClientBase()
    {
    }

    /// <summary>Creates a client from a configuration.</summary>
    protected ClientBase(ClientBaseConfiguration configuration) : base(configuration)
    {
    }

    /// <summary>Creates a client that calls over a channel.</summary>
    protected ClientBase(ChannelBase channel) : base(channel)
    {
    }

    /// <summary>Creates a client that calls through an invoker.</summary>
    protected ClientBase(CallInvoker callInvoker) : base(callInvoker)
    {
    }

    /// <summary>A copy of this client that sends its calls to another host name.</summary>
    public T WithHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return NewInstance(Configuration.WithHost(host));
    }

    /// <summary>Creates a client of the same type from a configuration.</summary>
    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}

/// <summary>The base of generated clients.</summary>
public abstract class ClientBase
{
    /// <summary>For mocking: a client whose calls fail as unimplemented.</summary>
    protected ClientBase() : this(new UnimplementedCallInvoker())
    {
    }

    /// <summary>Creates a client from a configuration.</summary>
    protected ClientBase(ClientBaseConfiguration configuration)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        CallInvoker = configuration.CreateDecoratedCallInvoker();
    }

    /// <summary>Creates a client that calls over a channel.</summary>
    protected ClientBase(ChannelBase channel) : this(channel?.CreateCallInvoker() ?? throw new ArgumentNullException(nameof(channel)))
    {
    }

    /// <summary>Creates a client that calls through an invoker.</summary>
    protected ClientBase(CallInvoker callInvoker) : this(new ClientBaseConfiguration(callInvoker, null))
    {
    }

    /// <summary>The invoker the client's calls go through.</summary>
    protected CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>A client's invoker and host override.</summary>
    protected internal class ClientBaseConfiguration
    {
        private readonly CallInvoker _undecoratedCallInvoker;
        private readonly string? _host;

        internal ClientBaseConfiguration(CallInvoker undecoratedCallInvoker, string? host)
        {
            _undecoratedCallInvoker = undecoratedCallInvoker ?? throw new ArgumentNullException(nameof(undecoratedCallInvoker));
            _host = host;
        }

        internal CallInvoker CreateDecoratedCallInvoker() =>
            _host is null ? _undecoratedCallInvoker : _undecoratedCallInvoker.Intercept(new HostOverrideInterceptor(_host));

        internal ClientBaseConfiguration WithHost(string host) => new(_undecoratedCallInvoker, host);
    }

    private sealed class HostOverrideInterceptor(string host) : Interceptor
    {
        protected override ClientInterceptorContext<TRequest, TResponse> Rewrite<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context) =>
            new(context.Method, host, context.Options);
    }
}

/// <summary>The invoker of a client made for mocking: every call fails as unimplemented.</summary>
internal sealed class UnimplementedCallInvoker : CallInvoker
{
    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "This client has no channel."));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw Unimplemented();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw Unimplemented();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw Unimplemented();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw Unimplemented();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw Unimplemented();
}
