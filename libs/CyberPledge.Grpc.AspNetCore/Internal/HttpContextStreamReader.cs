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
            // Reads observe the call's token (deadline, client reset); a caller's token adds to it.
            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((HttpContextServerCallContext)state!).HttpContext.Request.BodyReader.CancelPendingRead(), call)
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
}
