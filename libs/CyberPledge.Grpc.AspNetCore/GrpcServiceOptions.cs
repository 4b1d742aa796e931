using System.IO.Compression;
using Grpc.Net.Compression;

namespace Grpc.AspNetCore.Server;

/// <summary>Options of the gRPC services of an application.</summary>
public class GrpcServiceOptions
{
    /// <summary>The largest request message accepted, in bytes; null for no limit. Default 4 MB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes; null (the default) for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Whether an unexpected exception's type and message go to the client. Off by default: they may leak internals.</summary>
    public bool? EnableDetailedErrors { get; set; }

    /// <summary>The encoding used to compress responses when the client accepts it (e.g. <c>gzip</c>); null for none.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>The compression level for responses.</summary>
    public CompressionLevel? ResponseCompressionLevel { get; set; }

    /// <summary>The compression algorithms understood; gzip and deflate by default.</summary>
    public IList<ICompressionProvider> CompressionProviders { get; set; } =
        [new GzipCompressionProvider(CompressionLevel.Fastest), new DeflateCompressionProvider(CompressionLevel.Fastest)];

    /// <summary>Interceptors run around every handler, the first added outermost.</summary>
    public InterceptorCollection Interceptors { get; } = [];

    /// <summary>When true, calls to unknown services fall through to the rest of the application instead of UNIMPLEMENTED.</summary>
    public bool? IgnoreUnknownServices { get; set; }
}
