using Grpc.Core;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>How a call starts and ends: deadline timer, cancellation, and the one final status.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    /// <summary>The exception that reports the call's final status to the application.</summary>
    public Exception CreateFailureException()
    {
        var status = WaitForStatus();
        if (_cancelledByClient && _channel.ThrowOperationCanceledOnCancellation)
        {
            return new OperationCanceledException(status.Detail, status.DebugException, _options.CancellationToken);
        }
        return new RpcException(status, _trailers);
    }

    /// <summary>Ends the call with the status an exception stands for, unless it has ended already.</summary>
    public void FinishWithException(Exception exception)
    {
        if (!IsFinished)
        {
            TryFinish(StatusMapping.FromException(exception), exception is RpcException rpc ? rpc.Trailers : Metadata.Empty);
        }
    }

    private Status WaitForStatus()
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _state) != Finished)
        {
            spinner.SpinOnce();
        }
        return _status;
    }

    private bool TryStart()
    {
        ClientLog.StartingCall(_channel.Logger, _method.Type, _uri);
        if (!TryResolveRequestCompression())
        {
            return false;
        }
        var cancellationToken = _options.CancellationToken;
        var parentToken = (_options.PropagationToken as PropagationToken)?.CancellationToken ?? default;
        if (cancellationToken.IsCancellationRequested || parentToken.IsCancellationRequested)
        {
            TryFinish(CancelledByClientStatus, Metadata.Empty, cancelledByClient: true);
            return false;
        }
        if (_deadline != DateTime.MaxValue)
        {
            var remaining = _deadline - _channel.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                // Already expired: fail without sending anything.
                TryFinish(DeadlineExceededStatus, Metadata.Empty, cancelledByClient: true);
                return false;
            }
            if (remaining <= MaxTimerDueTime)
            {
                _deadlineTimer = _channel.TimeProvider.CreateTimer(
                    static call => ((GrpcCall<TRequest, TResponse>)call!).TryFinish(DeadlineExceededStatus, Metadata.Empty, cancelledByClient: true),
                    this, remaining, Timeout.InfiniteTimeSpan);
            }
        }
        if (cancellationToken.CanBeCanceled)
        {
            _userCancellation = RegisterCancellation(cancellationToken);
        }
        if (parentToken.CanBeCanceled)
        {
            _parentCancellation = RegisterCancellation(parentToken);
        }
        return true;
    }

    private bool TryFinish(Status status, Metadata trailers, bool cancelledByClient = false)
    {
        if (Interlocked.CompareExchange(ref _state, Finishing, Running) != Running)
        {
            return false;
        }
        if (status.StatusCode == StatusCode.Cancelled && !cancelledByClient && DeadlinePassed())
        {
            // The server's CANCEL may be its reaction to our deadline: report the deadline (PROTOCOL-HTTP2.md).
            (status, trailers, cancelledByClient) = (DeadlineExceededStatus, Metadata.Empty, true);
        }
        _status = status;
        _trailers = trailers;
        _cancelledByClient = cancelledByClient;
        Volatile.Write(ref _state, Finished);
        Log(status, cancelledByClient);

        _deadlineTimer?.Dispose();
        _userCancellation.Unregister();
        _parentCancellation.Unregister();
        if (status.StatusCode != StatusCode.OK)
        {
            _cts.Cancel();
        }
        // Disposing a response whose body is unfinished resets the stream; its headers stay readable.
        Volatile.Read(ref _response)?.Dispose();
        _unaryContent?.Release();
        _streamingContent?.Abort(failed: status.StatusCode != StatusCode.OK);
        SignalResponseReady();
        return true;
    }

    private bool DeadlinePassed() => _deadline != DateTime.MaxValue && _channel.TimeProvider.GetUtcNow().UtcDateTime >= _deadline;

    private void Log(Status status, bool cancelledByClient)
    {
        var logger = _channel.Logger;
        if (status.StatusCode == StatusCode.OK)
        {
            ClientLog.CallFinished(logger);
        }
        else if (cancelledByClient)
        {
            if (status.StatusCode == StatusCode.DeadlineExceeded)
            {
                ClientLog.DeadlineExceeded(logger);
            }
            else
            {
                ClientLog.CallCanceled(logger);
            }
        }
        else
        {
            ClientLog.GrpcStatusError(logger, status.StatusCode, status.Detail, status.DebugException);
        }
    }
}
