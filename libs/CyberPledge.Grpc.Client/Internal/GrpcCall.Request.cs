using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>The request side: message framing, headers, credentials, sending.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    // The official client's convention: a call asks for request compression with this header, which is not sent.
    private const string CompressionRequestHeader = "grpc-internal-encoding-request";

    private UnaryRequestContent? _unaryContent;
    private StreamingRequestContent? _streamingContent;
    private Task<HttpResponseMessage?>? _responseTask;
    private HttpResponseMessage? _response;
    private bool _headersValid;

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

    private HttpContentClientStreamWriter<TRequest, TResponse> StartStreamingRequest()
    {
        _streamingContent = new StreamingRequestContent();
        if (TryStart())
        {
            _responseTask = SendAsync(_streamingContent);
        }
        return new HttpContentClientStreamWriter<TRequest, TResponse>(this, _streamingContent, _options.WriteOptions);
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
    private async Task<HttpResponseMessage?> SendAsync(HttpContent content)
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

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _uri)
        {
            Content = content,
            // http:// is HTTP/2 with prior knowledge (h2c); https:// negotiates h2 by ALPN.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", GrpcProtocolConstants.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.TeHeader, GrpcProtocolConstants.TeTrailers);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.MessageAcceptEncodingHeader, _channel.AcceptEncoding);
        if (_deadline != DateTime.MaxValue)
        {
            var remaining = _deadline - _channel.TimeProvider.GetUtcNow().UtcDateTime;
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(remaining));
        }
        if (_requestCompression is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.MessageEncodingHeader, _requestCompression.EncodingName);
        }
        if (_host is not null)
        {
            headers.Host = _host;
        }
        if (_options.Headers is { Count: > 0 } metadata)
        {
            AddMetadata(headers, metadata);
        }
        return request;
    }

    private static void AddMetadata(HttpRequestHeaders headers, Metadata metadata)
    {
        for (var i = 0; i < metadata.Count; i++)
        {
            var entry = metadata[i];
            if (entry.Key == CompressionRequestHeader || GrpcProtocolConstants.IsReservedHeader(entry.Key))
            {
                continue;
            }
            if (entry.Key == "user-agent")
            {
                headers.Remove("User-Agent");
            }
            headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
        }
    }

    private async Task ApplyCallCredentialsAsync(HttpRequestHeaders headers)
    {
        if (!_channel.IsSecure && !_channel.UnsafeUseInsecureChannelCallCredentials)
        {
            // Their tokens would travel in cleartext: leave them off, as the official client and gRPC Core do.
            ClientLog.CallCredentialsNotUsed(_channel.Logger);
            return;
        }
        var metadata = new Metadata();
        var serviceUrl = _channel.Address.GetLeftPart(UriPartial.Authority) + "/" + _method.ServiceName;
        var context = new AuthInterceptorContext(serviceUrl, _method.Name, _cts.Token);
        try
        {
            if (_channel.CallCredentials is { } channelCredentials)
            {
                await channelCredentials.ApplyAsync(context, metadata).ConfigureAwait(false);
            }
            if (_options.Credentials is { } callCredentials)
            {
                await callCredentials.ApplyAsync(context, metadata).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "Error getting call credentials: " + ex.Message, ex));
        }
        AddMetadata(headers, metadata);
    }
}
