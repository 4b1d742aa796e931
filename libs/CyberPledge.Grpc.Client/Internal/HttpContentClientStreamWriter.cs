using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Writes the request messages of a client or duplex streaming call into its request body.</summary>
internal sealed class HttpContentClientStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private readonly StreamingRequestContent _content;
    private readonly Lock _lock = new();
    private Task _lastWrite = Task.CompletedTask;
    private bool _completed;

    public HttpContentClientStreamWriter(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content, WriteOptions? writeOptions)
    {
        _call = call;
        _content = content;
        WriteOptions = writeOptions;
    }

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (_completed)
            {
                return Task.FromException(new InvalidOperationException("Can't write the message because the request stream is complete."));
            }
            if (_call.IsFinished)
            {
                return Task.FromException(CallEndedException());
            }
            if (!_lastWrite.IsCompleted)
            {
                return Task.FromException(new InvalidOperationException("Can't write the message because the previous write is in progress."));
            }
            return _lastWrite = WriteCoreAsync(message, cancellationToken);
        }
    }

    public Task CompleteAsync()
    {
        lock (_lock)
        {
            if (!_lastWrite.IsCompleted)
            {
                return Task.FromException(new InvalidOperationException("Can't complete the request stream because a write is in progress."));
            }
            _completed = true;
        }
        if (_call.IsFinished && _call.EndedFailure() is { } failure)
        {
            return Task.FromException(failure);
        }
        _content.Complete();
        return Task.CompletedTask;
    }

    private async Task WriteCoreAsync(TRequest message, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled ? _call.RegisterCancellation(cancellationToken) : default;
        Stream stream;
        try
        {
            stream = await _content.StreamTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw CallEndedException();
        }

        FramedMessage framed;
        try
        {
            framed = _call.FrameRequest(message, WriteOptions);
        }
        catch (Exception ex)
        {
            throw _call.FailRequestMessage(ex);
        }

        try
        {
            await stream.WriteAsync(framed.Memory, _call.CallToken).ConfigureAwait(false);
            if (WriteOptions is null || (WriteOptions.Flags & WriteFlags.BufferHint) == 0)
            {
                await stream.FlushAsync(_call.CallToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // When the call has ended, that is why the write failed. Otherwise the response side will learn the
            // final status (the server may have answered already); this write only reports what broke.
            throw _call.IsFinished ? CallEndedException() : new RpcException(StatusMapping.FromException(ex));
        }
        finally
        {
            framed.ReturnBuffer();
        }
    }

    private Exception CallEndedException() =>
        _call.EndedFailure() ?? new InvalidOperationException("Can't write the message because the call is complete.");
}
