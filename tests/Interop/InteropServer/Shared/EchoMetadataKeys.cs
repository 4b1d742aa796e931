namespace CyberPledge.InteropServer.Shared;

/// <summary>The metadata keys of the interop "Echo Metadata" feature. Compiled into both the server and the client (linked).</summary>
internal static class EchoMetadataKeys
{
    /// <summary>Sent by the client; the server echoes it in its response headers.</summary>
    public const string Initial = "x-grpc-test-echo-initial";

    /// <summary>Sent by the client; the server echoes it in its trailers.</summary>
    public const string TrailingBinary = "x-grpc-test-echo-trailing-bin";
}
