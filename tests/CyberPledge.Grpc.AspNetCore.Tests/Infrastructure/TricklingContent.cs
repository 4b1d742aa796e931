using System.Net;

namespace CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;

/// <summary>A request body sent a few bytes at a time with a flush after each, so the server reads it in pieces.</summary>
public sealed class TricklingContent(byte[] body, int chunkSize) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < body.Length; offset += chunkSize)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunkSize, body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
