using Grpc.Core;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The request stream of a client streaming or duplex call.</summary>
internal sealed class HttpContextStreamReader<TRequest>(HttpContextServerCallContext call, Func<DeserializationContext, TRequest> deserializer)
    : IAsyncStreamReader<TRequest>
{
    private bool _reading;
    private bool _ended;

    public TRequest Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_reading)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }
        if (_ended)
        {
            return false;
        }
        _reading = true;
        try
        {
            // Reads observe the call's token (deadline, client reset) already; only another token needs a registration.
            using var registration = cancellationToken.CanBeCanceled && cancellationToken != call.CancellationToken
                ? cancellationToken.UnsafeRegister(static state => CancelPendingRead((HttpContextServerCallContext)state!), call)
                : default;
            var (found, message) = await call.ReadMessageAsync(call.HttpContext.Request.BodyReader, deserializer).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!found)
            {
                _ended = true;
                return false;
            }
            Current = message!;
            return true;
        }
        finally
        {
            _reading = false;
        }
    }

    private static void CancelPendingRead(HttpContextServerCallContext call)
    {
        try
        {
            call.HttpContext.Request.BodyReader.CancelPendingRead();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The request stream is already reset or finished: there is no read left to cancel.
        }
    }
}
