using Grpc.Core;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Ending the call: its status in trailers (or Trailers-Only), deadlines, and handler errors.</summary>
internal sealed partial class HttpContextServerCallContext
{
    private static readonly Status DeadlineExceededStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private static readonly Status CancelledStatus = new(StatusCode.Cancelled, "The call was cancelled by the client.");
    private static readonly Status ShuttingDownStatus = new(StatusCode.Unavailable, "The server is shutting down.");

    // One writer at a time: a handler's stream write, the deadline's status, the final status.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Cancels the handler for a deadline or a shutdown; null while neither can happen (the request's own token serves).
    private CancellationTokenSource? _callCancellation;
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _shutdownRegistration;
    private volatile bool _shuttingDown;
    private bool _ended;
    private bool _messageWritten;

    /// <summary>Whether anything (headers or a message) has gone into the response, so the status must go in trailers.</summary>
    private bool ResponseStarted => _messageWritten || HttpContext.Response.HasStarted;

    private void StartDeadline(TimeSpan timeout)
    {
        _deadline = _timeProvider.GetUtcNow().UtcDateTime + timeout;
        _callCancellation ??= CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        _deadlineTimer = _timeProvider.CreateTimer(static state => _ = ((HttpContextServerCallContext)state!).DeadlineExceededAsync(),
            this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancels the handler and ends the call with DEADLINE_EXCEEDED, unless it has already ended.</summary>
    internal async Task DeadlineExceededAsync()
    {
        ServerLog.DeadlineExceeded(_logger, _method.FullName);
        try
        {
            await _callCancellation!.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        await EndCallAsync(DeadlineExceededStatus, completeResponse: true);
    }

    /// <summary>
    /// Ends a long call with UNAVAILABLE when the host begins to stop (<paramref name="stopping"/>), so a shutdown does
    /// not wait for its timeout on open streams and their clients know to reconnect elsewhere.
    /// </summary>
    public void EndOnShutdown(CancellationToken stopping)
    {
        if (!stopping.CanBeCanceled)
        {
            return;
        }
        _callCancellation ??= CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        _shutdownRegistration = stopping.UnsafeRegister(static state => _ = ((HttpContextServerCallContext)state!).ShutdownAsync(), this);
    }

    private async Task ShutdownAsync()
    {
        _shuttingDown = true;
        try
        {
            await _callCancellation!.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        await EndCallAsync(ShuttingDownStatus, completeResponse: true);
    }

    /// <summary>Ends the call after its handler returned normally, with the status the handler set.</summary>
    public Task EndCallAsync() => EndCallAsync(_status, completeResponse: false);

    /// <summary>Ends the call after its handler threw.</summary>
    public Task EndCallWithErrorAsync(Exception exception)
    {
        if (_ended)
        {
            return Task.CompletedTask; // The deadline ended the call; what the handler did after that does not matter.
        }
        Status status;
        switch (exception)
        {
            case RpcException rpc:
                status = rpc.Status;
                foreach (var trailer in rpc.Trailers)
                {
                    ResponseTrailers.Add(trailer);
                }
                ServerLog.RpcError(_logger, _method.FullName, status.StatusCode, status.Detail);
                break;
            case OperationCanceledException or IOException when HttpContext.RequestAborted.IsCancellationRequested || _requestBodyReset:
                status = CancelledStatus;
                break;
            case OperationCanceledException when _shuttingDown:
                status = ShuttingDownStatus;
                break;
            case OperationCanceledException when _callCancellation?.IsCancellationRequested == true:
                status = DeadlineExceededStatus;
                break;
            default:
                ServerLog.HandlerError(_logger, _method.FullName, exception);
                // The exception's text may carry internals; only detailed-errors mode sends it.
                status = new Status(StatusCode.Unknown, Options.EnableDetailedErrors
                    ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                    : "Exception was thrown by handler.", exception);
                break;
        }
        return EndCallAsync(status, completeResponse: false);
    }

    private async Task EndCallAsync(Status status, bool completeResponse)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return;
            }
            _ended = true;
            if (HttpContext.RequestAborted.IsCancellationRequested)
            {
                return; // The stream is reset; there is nobody to tell.
            }
            WriteStatus(status);
            if (completeResponse)
            {
                await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            ServerLog.StatusNotSent(_logger, _method.FullName, ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteStatus(Status status)
    {
        var response = HttpContext.Response;
        if (ResponseStarted)
        {
            response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, StatusCodeText(status.StatusCode));
            if (status.Detail.Length > 0)
            {
                response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, PercentEncoding.Encode(status.Detail));
            }
            foreach (var entry in _responseTrailers ?? [])
            {
                response.AppendTrailer(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
            return;
        }

        // Trailers-Only: the status travels in the one HEADERS frame, which ends the stream.
        var headers = response.Headers;
        headers[GrpcProtocolConstants.StatusTrailer] = StatusCodeText(status.StatusCode);
        if (status.Detail.Length > 0)
        {
            headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        }
        foreach (var entry in _responseTrailers ?? [])
        {
            headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
        }
    }

    private static string StatusCodeText(StatusCode code) => code switch
    {
        StatusCode.OK => "0",
        _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
