using Grpc.Core;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The response stream of a server streaming or duplex call.</summary>
internal sealed class HttpContextStreamWriter<TResponse>(HttpContextServerCallContext call, Action<TResponse, SerializationContext> serializer)
    : IServerStreamWriter<TResponse>
{
    public WriteOptions? WriteOptions
    {
        get => call.WriteOptions;
        set => call.WriteOptions = value;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (call.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(call.CancellationToken);
        }
        return call.WriteMessageAsync(message, serializer, flush: true, cancellationToken);
    }
}
