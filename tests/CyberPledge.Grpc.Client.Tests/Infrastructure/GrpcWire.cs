using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Grpc.Client.Tests.Infrastructure;

/// <summary>What the fake servers write and read, encoded here by hand from the protocol description.</summary>
internal static class GrpcWire
{
    public const string ContentType = "application/grpc";

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(payload);
        }
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] payload)
    {
        using var input = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Starts a normal (not Trailers-Only) response: status 200 and the gRPC content type.</summary>
    public static async Task StartResponseAsync(HttpContext context, string contentType = ContentType)
    {
        context.Response.ContentType = contentType;
        await context.Response.StartAsync();
    }

    public static async Task WriteMessageAsync(HttpContext context, byte[] payload, byte flag = 0)
    {
        await context.Response.Body.WriteAsync(Frame(payload, flag));
        await context.Response.Body.FlushAsync();
    }

    public static void SetStatus(HttpContext context, int code, string? message = null)
    {
        context.Response.AppendTrailer("grpc-status", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            context.Response.AppendTrailer("grpc-message", message);
        }
    }

    /// <summary>Answers with one message and status OK.</summary>
    public static async Task RespondAsync(HttpContext context, byte[] payload)
    {
        await StartResponseAsync(context);
        await WriteMessageAsync(context, payload);
        SetStatus(context, 0);
    }

    /// <summary>Reads the next length-prefixed message of the request body; null at its end.</summary>
    public static async Task<(byte Flag, byte[] Payload)?> ReadMessageAsync(HttpRequest request)
    {
        var prefix = new byte[5];
        if (!await ReadExactlyOrEndAsync(request.Body, prefix))
        {
            return null;
        }
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
        await request.Body.ReadExactlyAsync(payload);
        return (prefix[0], payload);
    }

    public static async Task<List<(byte Flag, byte[] Payload)>> ReadAllMessagesAsync(HttpRequest request)
    {
        var messages = new List<(byte, byte[])>();
        while (await ReadMessageAsync(request) is { } message)
        {
            messages.Add(message);
        }
        return messages;
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                return read == 0 ? false : throw new EndOfStreamException("The request ended inside a message prefix.");
            }
            read += n;
        }
        return true;
    }
}
