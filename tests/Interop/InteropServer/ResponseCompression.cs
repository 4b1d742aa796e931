using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropServer;

/// <summary>
/// The interop "CompressedResponse" feature over what the server runtime offers: a call asks for
/// compressed responses with the <c>grpc-internal-encoding-request</c> response header (honoured only when
/// the client accepts the encoding), and a single write opts out with <see cref="WriteFlags.NoCompress"/>.
/// </summary>
internal static class ResponseCompression
{
    public const string RequestHeader = "grpc-internal-encoding-request";
    public const string Encoding = "gzip";

    private static readonly WriteOptions Uncompressed = new(WriteFlags.NoCompress);

    /// <summary>True when a request field asks for a compressed response.</summary>
    public static bool IsRequested(BoolValue? compressed) => compressed is { Value: true };

    /// <summary>The options of a write: explicitly uncompressed when the field says false, else the call's default.</summary>
    public static WriteOptions? WriteOptionsFor(BoolValue? compressed) => compressed is { Value: false } ? Uncompressed : null;
}
