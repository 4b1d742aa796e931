using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>The request message and its headers: protocol headers, metadata, call credentials.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
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
