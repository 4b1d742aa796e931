using System.IO.Compression;
using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>Message compression negotiated by grpc-encoding and grpc-accept-encoding (doc/compression.md).</summary>
public sealed class CompressionTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private RawGrpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(new CallObserver());
                services.AddGrpc(o => o.ResponseCompressionAlgorithm = "gzip");
            },
            app => app.MapGrpcService<ScriptedTestService>());
        _client = new RawGrpcClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task GzipRequest_IsDecompressed()
    {
        var request = new SimpleRequest { ResponseSize = 7, Payload = new Payload { Body = ByteString.CopyFrom(new byte[500]) } };

        var response = await _client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(Gzip(request.ToByteArray()), flag: 1),
            headers => headers.Add("grpc-encoding", "gzip"));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Single(response.Messages());
    }

    [Fact]
    public async Task UnsupportedEncoding_UnimplementedWithAcceptedEncodings()
    {
        var response = await _client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame([], flag: 1),
            headers => headers.Add("grpc-encoding", "snappy"));

        Assert.Equal("12", response.GrpcStatus);
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task ClientAcceptsGzip_ResponseCompressed()
    {
        var response = await _client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 1000 }.ToByteArray()),
            headers => headers.Add("grpc-accept-encoding", "identity,gzip"));

        Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
        var (flag, message) = Assert.Single(response.Messages());
        Assert.Equal(1, flag);
        Assert.True(message.Length < 1000);
        Assert.Equal(1000, SimpleResponse.Parser.ParseFrom(Gunzip(message)).Payload.Body.Length);
    }

    [Fact]
    public async Task ClientDoesNotAcceptGzip_ResponseUncompressed()
    {
        var response = await _client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 1000 }.ToByteArray()));

        Assert.False(response.Headers.Contains("grpc-encoding"));
        Assert.Equal(0, Assert.Single(response.Messages()).Flag);
    }

    [Fact]
    public async Task CompressedRequestExpandingPastLimit_ResourceExhausted()
    {
        var bomb = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[8 * 1024 * 1024]) } };

        var response = await _client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(Gzip(bomb.ToByteArray()), flag: 1),
            headers => headers.Add("grpc-encoding", "gzip"));

        Assert.Equal("8", response.GrpcStatus);
    }
}
