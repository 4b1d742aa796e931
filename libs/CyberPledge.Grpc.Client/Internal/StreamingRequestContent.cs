using System.Net;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The body of a client or duplex streaming call. The handler calls <see cref="SerializeToStreamAsync(Stream, TransportContext?, CancellationToken)"/>
/// once the request headers are out; the writer then writes messages into that stream until it completes the body.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent() => Headers.TryAddWithoutValidation("Content-Type", GrpcProtocolConstants.GrpcContentType);

    /// <summary>The request body stream; cancelled when the call ends before the body starts.</summary>
    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>The client wrote its last message: end the request stream (END_STREAM).</summary>
    public void Complete() => _completion.TrySetResult();

    /// <summary>
    /// The call has ended: release a writer waiting for the stream, and end the body: normally after an OK status,
    /// else by failing it so the handler resets the stream rather than half-closing it.
    /// </summary>
    public void Abort(bool failed)
    {
        _stream.TrySetCanceled();
        if (failed)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Send the headers now rather than with the first message: the server may answer before the client writes.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (!_stream.TrySetResult(stream))
        {
            // Either the call already ended, or the handler sends the body a second time, which a stream of messages
            // written once can't support.
            throw new OperationCanceledException("The request body of a streaming call can be sent only once.");
        }
        await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
