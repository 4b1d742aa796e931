using Grpc.Net.Compression;
using Grpc.Net.Internal;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The options of a mapped service, resolved once at mapping time so calls do no lookups.</summary>
internal sealed class ServerOptions
{
    public ServerOptions(GrpcServiceOptions options)
    {
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        EnableDetailedErrors = options.EnableDetailedErrors ?? false;
        CompressionProviders = options.CompressionProviders.ToArray();
        AcceptEncoding = MessageCompression.AcceptEncodingValue(CompressionProviders);
        ResponseCompressionLevel = options.ResponseCompressionLevel;
        Interceptors = options.Interceptors.ToArray();
        if (options.ResponseCompressionAlgorithm is { } algorithm)
        {
            ResponseCompressionProvider = MessageCompression.Find(CompressionProviders, algorithm)
                ?? throw new InvalidOperationException($"The response compression algorithm '{algorithm}' has no registered compression provider.");
        }
    }

    public int? MaxReceiveMessageSize { get; }

    public int? MaxSendMessageSize { get; }

    public bool EnableDetailedErrors { get; }

    public IReadOnlyList<ICompressionProvider> CompressionProviders { get; }

    /// <summary>The grpc-accept-encoding value: identity and every provider.</summary>
    public string AcceptEncoding { get; }

    public ICompressionProvider? ResponseCompressionProvider { get; }

    public System.IO.Compression.CompressionLevel? ResponseCompressionLevel { get; }

    public IReadOnlyList<InterceptorRegistration> Interceptors { get; }
}
