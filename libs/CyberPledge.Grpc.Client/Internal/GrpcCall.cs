using Grpc.Core;
using Grpc.Net.Compression;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// One client call of any type: its HTTP/2 request, response and final status. The status is set once, by whoever
/// gets there first: the response's trailers, a protocol error, the deadline timer, the user's cancellation or
/// <see cref="Dispose"/>; every later path reports that status.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    private const int Running = 0;
    private const int Finishing = 1;
    private const int Finished = 2;

    // A timer can't be set further ahead than about 49 days; such a deadline is only sent in grpc-timeout.
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
    private static readonly Status DeadlineExceededStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private static readonly Status CancelledByClientStatus = new(StatusCode.Cancelled, "Call canceled by the client.");
    private static readonly Status DisposedStatus = new(StatusCode.Cancelled, "gRPC call disposed.");

    internal static readonly Func<object, Task<Metadata>> ResponseHeadersFunc = static call => ((GrpcCall<TRequest, TResponse>)call).GetResponseHeadersAsync();
    internal static readonly Func<object, Status> StatusFunc = static call => ((GrpcCall<TRequest, TResponse>)call).GetStatus();
    internal static readonly Func<object, Metadata> TrailersFunc = static call => ((GrpcCall<TRequest, TResponse>)call).GetTrailers();
    internal static readonly Action<object> DisposeAction = static call => ((GrpcCall<TRequest, TResponse>)call).Dispose();

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly string? _host;
    private readonly Uri _uri;
    private readonly DateTime _deadline;
    private readonly CancellationTokenSource _cts = new();
    private ICompressionProvider? _requestCompression;
    private CancellationTokenRegistration _userCancellation;
    private CancellationTokenRegistration _parentCancellation;
    private ITimer? _deadlineTimer;
    private int _state;
    private Status _status;
    private Metadata _trailers = Metadata.Empty;
    private bool _cancelledByClient;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _host = host;
        _uri = channel.GetMethodUri(method);
        _deadline = PropagationToken.EarlierDeadline(options.Deadline, options.PropagationToken) is { } deadline && deadline != DateTime.MaxValue
            ? (deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline)
            : DateTime.MaxValue;
    }

    /// <summary>Cancelled when the call ends with any status but OK; every HTTP operation of the call observes it.</summary>
    public CancellationToken CallToken => _cts.Token;

    public bool IsFinished => Volatile.Read(ref _state) != Running;

    public Task<TResponse> StartUnary(TRequest request)
    {
        _expectsSingleResponse = true;
        return TryStart() && TryCreateUnaryContent(request)
            ? ReadSingleResponseAsync(_unaryContent!)
            : Task.FromException<TResponse>(CreateFailureException());
    }

    public HttpContentClientStreamReader<TRequest, TResponse> StartServerStreaming(TRequest request)
    {
        if (TryStart() && TryCreateUnaryContent(request))
        {
            // The reader waits for the response through WhenResponseReady; SendAsync never throws.
            _ = SendAsync(_unaryContent!).AsTask();
        }
        return new HttpContentClientStreamReader<TRequest, TResponse>(this);
    }

    public (HttpContentClientStreamWriter<TRequest, TResponse> Writer, Task<TResponse> Response) StartClientStreaming()
    {
        _expectsSingleResponse = true;
        var (writer, content) = CreateStreamingRequest();
        var response = TryStart()
            ? ReadSingleResponseAsync(content)
            : Task.FromException<TResponse>(CreateFailureException());
        return (writer, response);
    }

    public (HttpContentClientStreamWriter<TRequest, TResponse> Writer, HttpContentClientStreamReader<TRequest, TResponse> Reader) StartDuplexStreaming()
    {
        var (writer, content) = CreateStreamingRequest();
        if (TryStart())
        {
            _ = SendAsync(content).AsTask();
        }
        return (writer, new HttpContentClientStreamReader<TRequest, TResponse>(this));
    }

    public Status GetStatus() => Volatile.Read(ref _state) == Finished
        ? _status
        : throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => Volatile.Read(ref _state) == Finished
        ? _trailers
        : throw new InvalidOperationException("Can't get the call trailers because the call has not completed successfully.");

    /// <summary>Cancels the call if it is still running (the handler resets the stream with CANCEL).</summary>
    public void Dispose() => TryFinish(DisposedStatus, Metadata.Empty, cancelledByClient: true);

    /// <summary>Cancels the call when <paramref name="cancellationToken"/> is cancelled.</summary>
    public CancellationTokenRegistration RegisterCancellation(CancellationToken cancellationToken) =>
        cancellationToken.UnsafeRegister(static call => ((GrpcCall<TRequest, TResponse>)call!).TryFinish(CancelledByClientStatus, Metadata.Empty, cancelledByClient: true), this);
}
