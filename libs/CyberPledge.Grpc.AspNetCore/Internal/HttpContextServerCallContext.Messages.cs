using System.Buffers;
using System.IO.Pipelines;
using Grpc.Core;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Reading request messages and writing response messages and headers.</summary>
internal sealed partial class HttpContextServerCallContext
{
    private static readonly Status NoMessage = new(StatusCode.Internal, "Request did not include a message.");
    private static readonly Status AdditionalData = new(StatusCode.Internal, "Additional data after the message received.");
    private static readonly Status DeserializationFailed = new(StatusCode.Internal, "Failed to deserialize the request message.");
    private const string InternalEncodingRequestHeader = "grpc-internal-encoding-request";

    private readonly DefaultDeserializationContext _deserializationContext = new();
    private ResponseSerializationContext? _serializationContext;
    private bool _requestBodyEnded;
    private bool _requestBodyReset;

    /// <summary>
    /// Reads the one request message of a unary or server streaming call, then the body to its end: a proxy in front
    /// (YARP) fails if the response ends while it is still sending the request.
    /// </summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(Func<DeserializationContext, T> deserializer)
    {
        var reader = HttpContext.Request.BodyReader;
        var (found, message) = await ReadMessageAsync(reader, deserializer).ConfigureAwait(false);
        if (!found)
        {
            throw new RpcException(NoMessage);
        }
        if (!_requestBodyEnded)
        {
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync(CancellationToken).ConfigureAwait(false);
                    var length = result.Buffer.Length;
                    reader.AdvanceTo(result.Buffer.End);
                    if (length > 0)
                    {
                        throw new RpcException(AdditionalData);
                    }
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        break;
                    }
                }
            }
            catch (IOException ex) when (IsReset(ex))
            {
                _requestBodyReset = true;
                throw;
            }
        }
        return message!;
    }

    /// <summary>Reads the next request message; false at the end of the request stream.</summary>
    public async ValueTask<(bool Found, T? Message)> ReadMessageAsync<T>(PipeReader reader, Func<DeserializationContext, T> deserializer)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(CancellationToken).ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException("The request read was cancelled.");
                }
                var buffer = result.Buffer;
                switch (MessageFraming.TryReadMessage(ref buffer, Options.MaxReceiveMessageSize, out var payload, out var isCompressed))
                {
                    case FrameReadResult.TooLarge:
                        reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                        throw new RpcException(GrpcProtocolConstants.ReceiveMessageTooLarge);
                    case FrameReadResult.Message:
                        T message;
                        try
                        {
                            message = Deserialize(payload, isCompressed, deserializer);
                        }
                        finally
                        {
                            reader.AdvanceTo(buffer.Start);
                        }
                        _requestBodyEnded = result.IsCompleted && buffer.IsEmpty;
                        return (true, message);
                    default:
                        if (result.IsCompleted)
                        {
                            reader.AdvanceTo(buffer.End);
                            _requestBodyEnded = true;
                            return buffer.IsEmpty ? (false, default) : throw new RpcException(GrpcProtocolConstants.IncompleteMessage);
                        }
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        break;
                }
            }
        }
        catch (IOException ex) when (IsReset(ex))
        {
            _requestBodyReset = true;
            throw;
        }
    }

    /// <summary>
    /// Whether a request body read failed because the client reset the stream. Kestrel fails the reader's calls with an
    /// IOException at once, but cancels RequestAborted later, from the thread pool; the call remembers the reset so that
    /// it ends as cancelled, not as a handler error, when the handler's exception gets there first. A
    /// BadHttpRequestException (a malformed or too slow request) is no reset.
    /// </summary>
    private static bool IsReset(IOException exception) => exception is not BadHttpRequestException;

    private T Deserialize<T>(ReadOnlySequence<byte> payload, bool isCompressed, Func<DeserializationContext, T> deserializer)
    {
        if (isCompressed)
        {
            if (RequestCompression is null)
            {
                throw new RpcException(GrpcProtocolConstants.CompressedFlagWithoutEncoding);
            }
            if (!MessageCompression.TryDecompress(RequestCompression, payload, Options.MaxReceiveMessageSize, out var decompressed))
            {
                throw new RpcException(GrpcProtocolConstants.ReceiveMessageTooLarge);
            }
            payload = new ReadOnlySequence<byte>(decompressed);
        }
        _deserializationContext.SetPayload(payload);
        try
        {
            return deserializer(_deserializationContext);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(DeserializationFailed.StatusCode, DeserializationFailed.Detail, ex));
        }
        finally
        {
            _deserializationContext.SetPayload(null);
        }
    }

    /// <summary>Writes a response message into the body; flushed unless <paramref name="flush"/> is false (unary: Kestrel flushes with the trailers).</summary>
    public async Task WriteMessageAsync<T>(T message, Action<T, SerializationContext> serializer, bool flush, CancellationToken cancellationToken)
    {
        if (!_writeLock.Wait(0))
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }
        try
        {
            if (_ended)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }
            var compression = (WriteOptions?.Flags & WriteFlags.NoCompress) == WriteFlags.NoCompress ? null : ResponseCompression;
            if (!ResponseStarted && ResponseCompression is not null)
            {
                HttpContext.Response.Headers[GrpcProtocolConstants.MessageEncodingHeader] = ResponseCompression.EncodingName;
            }
            var context = _serializationContext ??= new ResponseSerializationContext();
            var writer = HttpContext.Response.BodyWriter;
            context.Start(writer, compression, Options.ResponseCompressionLevel, Options.MaxSendMessageSize);
            serializer(message, context);
            _messageWritten = true;
            if (flush && (WriteOptions?.Flags & WriteFlags.BufferHint) != WriteFlags.BufferHint)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (ResponseStarted || _ended)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }
            var headers = HttpContext.Response.Headers;
            foreach (var entry in responseHeaders)
            {
                if (entry.Key == InternalEncodingRequestHeader)
                {
                    // The handler asks for compressed responses; honoured only where the client accepts the encoding.
                    var provider = MessageCompression.Find(Options.CompressionProviders, entry.Value);
                    ResponseCompression = provider is not null && ClientAccepts(provider.EncodingName) ? provider : null;
                    continue;
                }
                headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
            if (ResponseCompression is not null)
            {
                headers[GrpcProtocolConstants.MessageEncodingHeader] = ResponseCompression.EncodingName;
            }
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
