using Grpc.Core;
using Grpc.Net.Compression;
using Microsoft.Extensions.Logging;

namespace Grpc.Net.Client;

/// <summary>Options for a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The channel's credentials: <see cref="ChannelCredentials.Insecure"/> for <c>http://</c> addresses,
    /// <see cref="ChannelCredentials.SecureSsl"/> (or a composition with call credentials) for <c>https://</c>.
    /// When null, the address's scheme decides.
    /// </summary>
    public ChannelCredentials? Credentials { get; set; }

    /// <summary>The largest request message the client sends, in bytes; null for no limit (the default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The largest response message the client accepts, in bytes; null for no limit. The default is 4 MB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The message compression algorithms the client offers and accepts; null for gzip and deflate.</summary>
    public IList<ICompressionProvider>? CompressionProviders { get; set; }

    /// <summary>Creates the loggers of the channel's calls; null for no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The HTTP client that sends the calls. Set this or <see cref="HttpHandler"/>, not both; when neither is set the
    /// channel creates a <see cref="SocketsHttpHandler"/> suited to gRPC. Give it an infinite
    /// <see cref="HttpClient.Timeout"/>: calls have their own deadlines, and a stream may outlive any fixed timeout.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>The HTTP handler that sends the calls, for example a <see cref="SocketsHttpHandler"/> with client certificates.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpClient"/> or <see cref="HttpHandler"/>. The default is false.</summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>
    /// Whether a call cancelled by the client (its cancellation token, its deadline, or its disposal) throws
    /// <see cref="OperationCanceledException"/> instead of <see cref="RpcException"/>. The default is false.
    /// </summary>
    public bool ThrowOperationCanceledOnCancellation { get; set; }

    /// <summary>
    /// Whether call credentials are sent over a cleartext (<c>http://</c>) channel. The default is false: the tokens they
    /// carry would travel unencrypted, so they are left off.
    /// </summary>
    public bool UnsafeUseInsecureChannelCallCredentials { get; set; }

    /// <summary>The clock deadlines are measured against; tests replace it (the official options have no such member).</summary>
    internal TimeProvider? TimeProvider { get; set; }
}
