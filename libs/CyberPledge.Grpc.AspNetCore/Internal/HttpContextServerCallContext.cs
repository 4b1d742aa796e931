using System.Net;
using Grpc.Core;
using Grpc.Net.Compression;
using Grpc.Net.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The server side of one call, over its ASP.NET Core request.</summary>
internal sealed partial class HttpContextServerCallContext : ServerCallContext, IDisposable
{
    private readonly IMethod _method;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private AuthContext? _authContext;
    private Status _status = Status.DefaultSuccess;
    private DateTime _deadline = DateTime.MaxValue;

    public HttpContextServerCallContext(HttpContext httpContext, ServerOptions options, IMethod method, ILogger logger, TimeProvider timeProvider)
    {
        HttpContext = httpContext;
        Options = options;
        _method = method;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public HttpContext HttpContext { get; }

    public ServerOptions Options { get; }

    /// <summary>The provider that decompresses request messages, from grpc-encoding; null for identity.</summary>
    public ICompressionProvider? RequestCompression { get; private set; }

    /// <summary>The provider that compresses response messages; null for none.</summary>
    public ICompressionProvider? ResponseCompression { get; private set; }

    protected override string MethodCore => _method.FullName;

    protected override string HostCore => HttpContext.Request.Host.Value ?? "";

    protected override string PeerCore => FormatPeer(HttpContext.Connection.RemoteIpAddress, HttpContext.Connection.RemotePort);

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders();

    protected override CancellationToken CancellationTokenCore => _callCancellation?.Token ?? HttpContext.RequestAborted;

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => _authContext ??= AuthContextFactory.Create(HttpContext);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options)
    {
        options ??= ContextPropagationOptions.Default;
        return new PropagationToken(
            options.IsPropagateDeadline ? _deadline : null,
            options.IsPropagateCancellation ? CancellationToken : default);
    }

    /// <summary>
    /// Reads the call-level headers: grpc-timeout starts the deadline, grpc-encoding selects decompression.
    /// Returns the status to end the call with when a header is unacceptable.
    /// </summary>
    public Status? Initialize()
    {
        var request = HttpContext.Request;
        var response = HttpContext.Response;
        response.ContentType = GrpcProtocolConstants.GrpcContentType;
        response.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader] = Options.AcceptEncoding;

        var encoding = request.Headers[GrpcProtocolConstants.MessageEncodingHeader].ToString();
        if (encoding.Length > 0 && encoding != GrpcProtocolConstants.IdentityEncoding)
        {
            RequestCompression = MessageCompression.Find(Options.CompressionProviders, encoding);
            if (RequestCompression is null)
            {
                return new Status(StatusCode.Unimplemented,
                    $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {Options.AcceptEncoding}");
            }
        }

        if (Options.ResponseCompressionProvider is { } provider && ClientAccepts(provider.EncodingName))
        {
            ResponseCompression = provider;
        }

        if (GrpcTimeout.TryParse(request.Headers[GrpcProtocolConstants.TimeoutHeader].ToString(), out var timeout))
        {
            StartDeadline(timeout);
        }
        return null;
    }

    private bool ClientAccepts(string encodingName)
    {
        var accepted = HttpContext.Request.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader].ToString();
        foreach (var range in accepted.AsSpan().Split(','))
        {
            if (accepted.AsSpan(range).Trim().Equals(encodingName, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in HttpContext.Request.Headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(header.Key))
            {
                continue;
            }
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    MetadataEncoding.AddHeader(metadata, header.Key, value);
                }
            }
        }
        return metadata;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } when address.IsIPv4MappedToIPv6 => $"ipv4:{address.MapToIPv4()}:{port}",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        _shutdownRegistration.Dispose();
        _callCancellation?.Dispose();
    }
}
