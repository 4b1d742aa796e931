using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Reads the response messages of a server streaming or duplex call.</summary>
internal sealed class HttpContentClientStreamReader<TRequest, TResponse> : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private int _reading;

    public HttpContentClientStreamReader(GrpcCall<TRequest, TResponse> call) => _call = call;

    public TResponse Current { get; private set; } = default!;

    /// <summary>Reads the next message; false at the end with status OK. Cancelling the token cancels the call.</summary>
    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            return Task.FromException<bool>(new InvalidOperationException("Can't read the next message because the previous read is still in progress."));
        }
        return MoveNextCoreAsync(cancellationToken);
    }

    private async Task<bool> MoveNextCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_call.IsFinished)
            {
                return _call.EndOfStream();
            }
            using var registration = cancellationToken.CanBeCanceled ? _call.RegisterCancellation(cancellationToken) : default;
            try
            {
                await _call.WhenResponseReady().ConfigureAwait(false);
                var response = _call.ResponseToRead;
                if (response is null)
                {
                    return _call.EndOfStream();
                }
                var reader = await _call.GetReaderAsync(response).ConfigureAwait(false);
                if (await reader.MoveNextAsync(_call.CallToken).ConfigureAwait(false))
                {
                    Current = reader.Current;
                    return true;
                }
                _call.FinishFromTrailers(response, receivedMessage: false);
            }
            catch (Exception ex)
            {
                _call.FinishWithException(ex);
            }
            return _call.EndOfStream();
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
