using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>A unary call in progress; await it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly AsyncCallState _state;

    /// <summary>Creates the call from its parts.</summary>
    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
        : this(responseAsync, new AsyncCallState(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction))
    {
    }

    /// <summary>Creates the call from its parts, sharing one state object.</summary>
    public AsyncUnaryCall(Task<TResponse> responseAsync, Func<object, Task<Metadata>> responseHeadersAsync, Func<object, Status> getStatusFunc, Func<object, Metadata> getTrailersFunc, Action<object> disposeAction, object state)
        : this(responseAsync, new AsyncCallState(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction, state))
    {
    }

    private AsyncUnaryCall(Task<TResponse> responseAsync, AsyncCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>The response; faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync();

    /// <summary>Awaits the response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Awaits the response with a context choice.</summary>
    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);

    /// <summary>The status; only once the call has ended.</summary>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers; only once the call has ended.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => _state.Dispose();
}

/// <summary>A server streaming call in progress.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly AsyncCallState _state;

    /// <summary>Creates the call from its parts.</summary>
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseStream = responseStream;
        _state = new AsyncCallState(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction);
    }

    /// <summary>Creates the call from its parts, sharing one state object.</summary>
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Func<object, Task<Metadata>> responseHeadersAsync, Func<object, Status> getStatusFunc, Func<object, Metadata> getTrailersFunc, Action<object> disposeAction, object state)
    {
        ResponseStream = responseStream;
        _state = new AsyncCallState(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction, state);
    }

    /// <summary>The responses.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync();

    /// <summary>The status; only once the call has ended.</summary>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers; only once the call has ended.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => _state.Dispose();
}

/// <summary>The parts every async call shares, with or without a state object.</summary>
internal readonly struct AsyncCallState
{
    private readonly object _responseHeadersAsync;
    private readonly object _getStatusFunc;
    private readonly object _getTrailersFunc;
    private readonly object _disposeAction;
    private readonly object? _callState;

    public AsyncCallState(Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        _responseHeadersAsync = responseHeadersAsync;
        _getStatusFunc = getStatusFunc;
        _getTrailersFunc = getTrailersFunc;
        _disposeAction = disposeAction;
        _callState = null;
    }

    public AsyncCallState(Func<object, Task<Metadata>> responseHeadersAsync, Func<object, Status> getStatusFunc, Func<object, Metadata> getTrailersFunc, Action<object> disposeAction, object callState)
    {
        _responseHeadersAsync = responseHeadersAsync;
        _getStatusFunc = getStatusFunc;
        _getTrailersFunc = getTrailersFunc;
        _disposeAction = disposeAction;
        _callState = callState;
    }

    public Task<Metadata> ResponseHeadersAsync() => _callState is null
        ? (Task<Metadata>)_responseHeadersAsync
        : ((Func<object, Task<Metadata>>)_responseHeadersAsync)(_callState);

    public Status GetStatus() => _callState is null
        ? ((Func<Status>)_getStatusFunc)()
        : ((Func<object, Status>)_getStatusFunc)(_callState);

    public Metadata GetTrailers() => _callState is null
        ? ((Func<Metadata>)_getTrailersFunc)()
        : ((Func<object, Metadata>)_getTrailersFunc)(_callState);

    public void Dispose()
    {
        if (_callState is null)
        {
            ((Action)_disposeAction)();
        }
        else
        {
            ((Action<object>)_disposeAction)(_callState);
        }
    }
}
