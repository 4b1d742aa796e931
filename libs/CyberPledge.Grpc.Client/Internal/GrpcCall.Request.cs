using System.Net;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>The request side: message framing, request compression, sending, the response headers' verdict.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    // The official client's convention: a call asks for request compression with this header, which is not sent.
    private const string CompressionRequestHeader = "grpc-internal-encoding-request";

    private UnaryRequestContent? _unaryContent;
    private StreamingRequestContent? _streamingContent;
    private HttpResponseMessage? _response;
    private bool _headersValid;
    private int _responseReady;
    private TaskCompletionSource? _responseWaiter;

    /// <summary>Serializes, compresses (unless the write options say not to) and frames one request message.</summary>
    public FramedMessage FrameRequest(TRequest message, WriteOptions? writeOptions)
    {
        var compression = writeOptions is not null && (writeOptions.Flags & WriteFlags.NoCompress) != 0 ? null : _requestCompression;
        return MessageSerializationContext.Frame(_method.RequestMarshaller.ContextualSerializer, message, compression, _channel.MaxSendMessageSize);
    }

    /// <summary>Ends the call because a request message could not be sent; returns the exception to throw.</summary>
    public Exception FailRequestMessage(Exception exception)
    {
        TryFinish(exception is RpcException rpc ? rpc.Status : new Status(StatusCode.Internal, "Error serializing the request message.", exception), Metadata.Empty);
        return CreateFailureException();
    }

    /// <summary>
    /// Completes once the response headers have been judged (the body is then to be read from <see cref="_response"/>)
    /// or the call has ended. Made on demand: a unary call nobody asks the headers of allocates nothing for it.
    /// </summary>
    public Task WhenResponseReady()
    {
        if (Volatile.Read(ref _responseReady) != 0)
        {
            return Task.CompletedTask;
        }
        var waiter = Volatile.Read(ref _responseWaiter);
        if (waiter is null)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _responseWaiter, created, null) ?? created;
        }
        // Both sides publish with a full fence before looking at the other's field, so one of them completes it.
        if (Volatile.Read(ref _responseReady) != 0)
        {
            waiter.TrySetResult();
        }
        return waiter.Task;
    }

    /// <summary>The response whose body is to be read; null once the call has ended. Valid after <see cref="WhenResponseReady"/>.</summary>
    public HttpResponseMessage? ResponseToRead => IsFinished ? null : Volatile.Read(ref _response);

    private void SignalResponseReady()
    {
        Interlocked.Exchange(ref _responseReady, 1);
        Volatile.Read(ref _responseWaiter)?.TrySetResult();
    }

    private (HttpContentClientStreamWriter<TRequest, TResponse> Writer, StreamingRequestContent Content) CreateStreamingRequest()
    {
        _streamingContent = new StreamingRequestContent();
        return (new HttpContentClientStreamWriter<TRequest, TResponse>(this, _streamingContent, _options.WriteOptions), _streamingContent);
    }

    private bool TryCreateUnaryContent(TRequest request)
    {
        try
        {
            _unaryContent = new UnaryRequestContent(FrameRequest(request, _options.WriteOptions));
            return true;
        }
        catch (Exception ex)
        {
            FailRequestMessage(ex);
            return false;
        }
    }

    private bool TryResolveRequestCompression()
    {
        var encoding = _options.Headers?.GetValue(CompressionRequestHeader);
        if (encoding is null || encoding == GrpcProtocolConstants.IdentityEncoding)
        {
            return true;
        }
        _requestCompression = MessageCompression.Find(_channel.CompressionProviders, encoding);
        if (_requestCompression is null)
        {
            TryFinish(new Status(StatusCode.Internal, "Could not find a compression provider for '" + encoding + "'."), Metadata.Empty);
            return false;
        }
        return true;
    }

    /// <summary>Sends the request; the response when its body is to be read, null when the call has already ended.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseMessage?> SendAsync(HttpContent content)
    {
        try
        {
            HttpResponseMessage response;
            try
            {
                var request = CreateRequest(content);
                if ((_options.Credentials ?? _channel.CallCredentials) is not null)
                {
                    await ApplyCallCredentialsAsync(request.Headers).ConfigureAwait(false);
                }
                response = await _channel.HttpInvoker.SendAsync(request, _cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                FinishWithException(ex);
                return null;
            }
            return AcceptResponse(response);
        }
        finally
        {
            SignalResponseReady();
        }
    }

    /// <summary>Judges the response headers: the response when its body is to be read, else null (the call has ended).</summary>
    private HttpResponseMessage? AcceptResponse(HttpResponseMessage response)
    {
        // Published with a full fence: TryFinish on another thread either sees the response and disposes it, or
        // finished before, and then this thread sees that and disposes it.
        Interlocked.Exchange(ref _response, response);
        if (IsFinished)
        {
            response.Dispose();
            return null;
        }
        if (ResponseHeaders.TryGetStatus(response.Headers, out var status))
        {
            // Trailers-Only: the status came in the headers and there is no body.
            _headersValid = true;
            if (status.StatusCode == StatusCode.OK && _expectsSingleResponse)
            {
                status = NoMessageStatus;
            }
            TryFinish(status, ResponseHeaders.ToMetadata(response.Headers));
            return null;
        }
        if (ValidateHeaders(response) is { } error)
        {
            TryFinish(error, Metadata.Empty);
            return null;
        }
        _headersValid = true;
        return response;
    }

    private static Status? ValidateHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = (int)response.StatusCode;
            return new Status(StatusMapping.FromHttpStatus(code), "Bad gRPC response. HTTP status code: " + code + ".");
        }
        var contentType = ResponseHeaders.GetValue(response.Content.Headers, "Content-Type");
        if (!GrpcProtocolConstants.IsGrpcContentType(contentType))
        {
            return new Status(StatusCode.Internal, contentType is null
                ? "Bad gRPC response. Response did not have a content-type header."
                : "Bad gRPC response. Invalid content-type value: " + contentType + ".");
        }
        return null;
    }
}
