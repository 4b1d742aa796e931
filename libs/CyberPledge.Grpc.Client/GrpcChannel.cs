using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client.Internal;
using Grpc.Net.Compression;
using Grpc.Net.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grpc.Net.Client;

/// <summary>A channel to one gRPC server address: calls are HTTP/2 requests sent through one HTTP handler.</summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    // Above this many distinct methods the URI cache stops growing (callers that build a Method per call).
    private const int MaxCachedMethodUris = 1024;

    private readonly ConcurrentDictionary<IMethod, Uri> _methodUris = new();
    private readonly string _baseAddress;
    private readonly bool _disposeInvoker;
    private readonly HttpClientCallInvoker _callInvoker;
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options) : base(address.Authority)
    {
        Address = address;
        _baseAddress = address.AbsoluteUri.TrimEnd('/');
        IsSecure = address.Scheme == Uri.UriSchemeHttps;
        ValidateCredentials(options, IsSecure);
        CallCredentials = options.Credentials?.CallCredentials;
        UnsafeUseInsecureChannelCallCredentials = options.UnsafeUseInsecureChannelCallCredentials;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        ThrowOperationCanceledOnCancellation = options.ThrowOperationCanceledOnCancellation;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        CompressionProviders = options.CompressionProviders is { } providers ? [.. providers] : MessageCompression.DefaultProviders;
        AcceptEncoding = MessageCompression.AcceptEncodingValue(CompressionProviders);
        Logger = options.LoggerFactory?.CreateLogger("Grpc.Net.Client.Internal.GrpcCall") ?? NullLogger.Instance;
        (HttpInvoker, _disposeInvoker) = CreateInvoker(options);
        _callInvoker = new HttpClientCallInvoker(this);
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    internal HttpMessageInvoker HttpInvoker { get; }
    internal bool IsSecure { get; }
    internal CallCredentials? CallCredentials { get; }
    internal bool UnsafeUseInsecureChannelCallCredentials { get; }
    internal int? MaxReceiveMessageSize { get; }
    internal int? MaxSendMessageSize { get; }
    internal bool ThrowOperationCanceledOnCancellation { get; }
    internal TimeProvider TimeProvider { get; }
    internal IReadOnlyList<ICompressionProvider> CompressionProviders { get; }
    internal string AcceptEncoding { get; }
    internal ILogger Logger { get; }

    /// <summary>Creates a channel to an address such as <c>https://localhost:5001</c>.</summary>
    public static GrpcChannel ForAddress(string address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>Creates a channel to an address with options.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ForAddress(new Uri(address), channelOptions);
    }

    /// <summary>Creates a channel to an address.</summary>
    public static GrpcChannel ForAddress(Uri address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>Creates a channel to an address with options.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(channelOptions);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Address '{address}' is not an absolute http:// or https:// address.", nameof(address));
        }
        if (channelOptions.HttpClient is not null && channelOptions.HttpHandler is not null)
        {
            throw new ArgumentException("GrpcChannelOptions.HttpClient and GrpcChannelOptions.HttpHandler can't both be set.", nameof(channelOptions));
        }
        return new GrpcChannel(address, channelOptions);
    }

    /// <summary>The invoker that sends this channel's calls.</summary>
    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _callInvoker;
    }

    /// <summary>Releases the channel and, when it owns them, its HTTP client and handler; calls can't be made afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _disposeInvoker)
        {
            HttpInvoker.Dispose();
        }
    }

    /// <inheritdoc />
    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    internal Uri GetMethodUri(IMethod method)
    {
        if (_methodUris.TryGetValue(method, out var uri))
        {
            return uri;
        }
        uri = new Uri(_baseAddress + method.FullName, UriKind.Absolute);
        if (_methodUris.Count < MaxCachedMethodUris)
        {
            _methodUris.TryAdd(method, uri);
        }
        return uri;
    }

    private static void ValidateCredentials(GrpcChannelOptions options, bool isSecureAddress)
    {
        if (options.Credentials is not { } credentials)
        {
            return;
        }
        if (credentials.IsSecure != isSecureAddress)
        {
            throw new InvalidOperationException(credentials.IsSecure
                ? "The channel has secure credentials but its address is http://; use an https:// address."
                : "The channel has insecure credentials but its address is https://; use an http:// address.");
        }
        if (!credentials.IsSecure && credentials.CallCredentials is not null && !options.UnsafeUseInsecureChannelCallCredentials)
        {
            throw new InvalidOperationException(
                "Call credentials on an insecure channel would send their secrets in cleartext. " +
                "Use an https:// address, or set GrpcChannelOptions.UnsafeUseInsecureChannelCallCredentials.");
        }
    }

    private static (HttpMessageInvoker Invoker, bool Dispose) CreateInvoker(GrpcChannelOptions options)
    {
        if (options.HttpClient is { } client)
        {
            return (client, options.DisposeHttpClient);
        }
        if (options.HttpHandler is { } handler)
        {
            // The wrapper is always disposed; it disposes the user's handler only when asked to.
            return (new HttpMessageInvoker(handler, options.DisposeHttpClient), true);
        }
        return (new HttpMessageInvoker(CreateDefaultHandler(), disposeHandler: true), true);
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // A connection carries a limited number of concurrent streams; open another rather than queue calls.
        EnableMultipleHttp2Connections = true,
        // Detects dead connections under long-lived streams. gRPC Core servers count pings closer together than
        // five minutes (with no data sent) as abuse and close the connection with ENHANCE_YOUR_CALM after two
        // strikes (doc/keepalive.md), so the delay stays above their default.
        KeepAlivePingDelay = TimeSpan.FromSeconds(330),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        // gRPC compresses messages itself (grpc-encoding); HTTP content encodings don't apply.
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    };
}
