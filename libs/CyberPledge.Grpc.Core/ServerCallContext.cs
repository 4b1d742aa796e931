namespace Grpc.Core;

/// <summary>What a server handler knows of its call, and how it answers beyond the response message.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>Writes the response headers now; at most once, before the first message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => WriteResponseHeadersAsyncCore(responseHeaders);

    /// <summary>Creates a token to propagate this call's deadline and cancellation to child calls.</summary>
    public ContextPropagationToken CreatePropagationToken(ContextPropagationOptions? options = null) => CreatePropagationTokenCore(options);

    /// <summary>The full method name, <c>/service/method</c>.</summary>
    public string Method => MethodCore;

    /// <summary>The host the call was sent to (the :authority).</summary>
    public string Host => HostCore;

    /// <summary>The peer address, e.g. <c>ipv4:127.0.0.1:5000</c>.</summary>
    public string Peer => PeerCore;

    /// <summary>The call's deadline (UTC), or <see cref="DateTime.MaxValue"/>.</summary>
    public DateTime Deadline => DeadlineCore;

    /// <summary>The request headers.</summary>
    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Cancelled when the call ends early: client cancellation, deadline or reset.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    /// <summary>Trailers to send with the status.</summary>
    public Metadata ResponseTrailers => ResponseTrailersCore;

    /// <summary>The status to send when the handler returns normally.</summary>
    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    /// <summary>Options for response writes.</summary>
    public WriteOptions? WriteOptions
    {
        get => WriteOptionsCore;
        set => WriteOptionsCore = value;
    }

    /// <summary>The authentication context of the call.</summary>
    public AuthContext AuthContext => AuthContextCore;

    /// <summary>State shared by interceptors and handlers of this call.</summary>
    public IDictionary<object, object> UserState => UserStateCore;

    /// <summary>Implementation of <see cref="WriteResponseHeadersAsync"/>.</summary>
    protected abstract Task WriteResponseHeadersAsyncCore(Metadata responseHeaders);

    /// <summary>Implementation of <see cref="CreatePropagationToken"/>.</summary>
    protected abstract ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options);

    /// <summary>Implementation of <see cref="Method"/>.</summary>
    protected abstract string MethodCore { get; }

    /// <summary>Implementation of <see cref="Host"/>.</summary>
    protected abstract string HostCore { get; }

    /// <summary>Implementation of <see cref="Peer"/>.</summary>
    protected abstract string PeerCore { get; }

    /// <summary>Implementation of <see cref="Deadline"/>.</summary>
    protected abstract DateTime DeadlineCore { get; }

    /// <summary>Implementation of <see cref="RequestHeaders"/>.</summary>
    protected abstract Metadata RequestHeadersCore { get; }

    /// <summary>Implementation of <see cref="CancellationToken"/>.</summary>
    protected abstract CancellationToken CancellationTokenCore { get; }

    /// <summary>Implementation of <see cref="ResponseTrailers"/>.</summary>
    protected abstract Metadata ResponseTrailersCore { get; }

    /// <summary>Implementation of <see cref="Status"/>.</summary>
    protected abstract Status StatusCore { get; set; }

    /// <summary>Implementation of <see cref="WriteOptions"/>.</summary>
    protected abstract WriteOptions? WriteOptionsCore { get; set; }

    /// <summary>Implementation of <see cref="AuthContext"/>.</summary>
    protected abstract AuthContext AuthContextCore { get; }

    /// <summary>Implementation of <see cref="UserState"/>.</summary>
    protected virtual IDictionary<object, object> UserStateCore => _userState ??= [];
}
