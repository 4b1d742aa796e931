using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Sends hand-made gRPC requests over h2c with HttpClient and returns what came back, byte for byte,
/// so that server tests do not depend on the project's own gRPC client.
/// </summary>
public sealed class RawGrpcClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        BaseAddress = address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static byte[] Frame(byte[] message, byte flag = 0)
    {
        var framed = new byte[5 + message.Length];
        framed[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed.AsSpan(5));
        return framed;
    }

    public Task<RawGrpcResponse> SendAsync(string path, byte[] body, Action<HttpRequestHeaders>? headers = null, string contentType = "application/grpc", Version? version = null) =>
        SendAsync(path, new ByteArrayContent(body), headers, contentType, version);

    public async Task<RawGrpcResponse> SendAsync(string path, HttpContent content, Action<HttpRequestHeaders>? headers = null, string contentType = "application/grpc", Version? version = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        headers?.Invoke(request.Headers);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawGrpcResponse(response.StatusCode, response.Headers, response.Content.Headers, response.TrailingHeaders, bytes);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A response as received: status, headers, trailers and the raw body.</summary>
public sealed record RawGrpcResponse(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, HttpResponseHeaders Trailers, byte[] Body)
{
    /// <summary>The grpc-status, from trailers or (Trailers-Only) headers.</summary>
    public string? GrpcStatus => Get("grpc-status");

    public string? GrpcMessage => Get("grpc-message");

    public bool IsTrailersOnly => Headers.Contains("grpc-status");

    public string? Get(string name) =>
        Trailers.TryGetValues(name, out var t) ? t.First() : Headers.TryGetValues(name, out var h) ? h.First() : null;

    /// <summary>The body split into messages.</summary>
    public IReadOnlyList<(byte Flag, byte[] Message)> Messages()
    {
        var result = new List<(byte, byte[])>();
        var span = Body.AsSpan();
        while (span.Length >= 5)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span[1..]);
            result.Add((span[0], span.Slice(5, length).ToArray()));
            span = span[(5 + length)..];
        }
        return result;
    }
}
