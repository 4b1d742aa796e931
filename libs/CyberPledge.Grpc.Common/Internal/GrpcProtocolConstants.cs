using Grpc.Core;

namespace Grpc.Net.Internal;

/// <summary>Names and values of the gRPC over HTTP/2 protocol (doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocolConstants
{
    public const string GrpcContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string MessageEncodingHeader = "grpc-encoding";
    public const string MessageAcceptEncodingHeader = "grpc-accept-encoding";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string StatusDetailsTrailer = "grpc-status-details-bin";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string IdentityEncoding = "identity";
    public const string UserAgent = "grpc-dotnet-cyberpledge/1.0";

    /// <summary>The length of a message's prefix: one flag byte and a big-endian four-byte length.</summary>
    public const int MessagePrefixSize = 5;

    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (contentType.Length == GrpcContentType.Length)
        {
            return true;
        }
        // application/grpc+proto, application/grpc+json, application/grpc; charset=...
        var next = contentType[GrpcContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>Headers the runtime manages itself; they are not application metadata.</summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':') ||
        name.Equals("content-type", StringComparison.OrdinalIgnoreCase) ||
        name.Equals(TeHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals("host", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("content-length", StringComparison.OrdinalIgnoreCase) ||
        name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(MessageEncodingHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(MessageAcceptEncodingHeader, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(StatusTrailer, StringComparison.OrdinalIgnoreCase) ||
        name.Equals(MessageTrailer, StringComparison.OrdinalIgnoreCase);

    public static readonly Status ReceiveMessageTooLarge =
        new(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.");

    public static readonly Status SendMessageTooLarge =
        new(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size.");

    public static readonly Status IncompleteMessage = new(StatusCode.Internal, "Incomplete message.");

    public static readonly Status CompressedFlagWithoutEncoding =
        new(StatusCode.Internal, "Received a compressed message but the call has no grpc-encoding.");
}
