using System.Net;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The body of a unary or server streaming call: one framed message in a pooled buffer, with a known length.
/// The buffer goes back to the pool when the call has ended and no send is still copying from it (the handler may
/// send a request again after a refused stream, so the first send does not own the buffer).
/// </summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly FramedMessage _message;
    // One reference for the call, plus one for each send in progress.
    private int _references = 1;

    public UnaryRequestContent(FramedMessage message)
    {
        _message = message;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocolConstants.GrpcContentType);
    }

    /// <summary>The call has ended: return the buffer as soon as no send uses it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _message.ReturnBuffer();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!TryAddReference())
        {
            return Task.FromException(new OperationCanceledException("The call has ended."));
        }
        ValueTask write;
        try
        {
            write = stream.WriteAsync(_message.Memory, cancellationToken);
        }
        catch (Exception ex)
        {
            Release();
            return Task.FromException(ex);
        }
        if (write.IsCompletedSuccessfully)
        {
            // The usual case for a small message: no state machine.
            Release();
            return Task.CompletedTask;
        }
        return AwaitThenReleaseAsync(write);
    }

    private async Task AwaitThenReleaseAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _message.Length;
        return true;
    }

    private bool TryAddReference()
    {
        var references = Volatile.Read(ref _references);
        while (references > 0)
        {
            var observed = Interlocked.CompareExchange(ref _references, references + 1, references);
            if (observed == references)
            {
                return true;
            }
            references = observed;
        }
        return false;
    }
}
