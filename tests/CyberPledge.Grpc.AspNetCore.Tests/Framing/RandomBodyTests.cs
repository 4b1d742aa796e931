using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Testing;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Framing;

/// <summary>Arbitrary request bodies (seeded, so a failure reproduces) always get a gRPC status and never crash the server.</summary>
public sealed class RandomBodyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly HashSet<string> AllowedStatuses = ["0", "8", "13"];

    [Theory]
    [InlineData("/grpc.testing.TestService/UnaryCall")]
    [InlineData("/grpc.testing.TestService/StreamingInputCall")]
    [InlineData("/grpc.testing.TestService/FullDuplexCall")]
    public async Task ArbitraryBody_AlwaysAStatusAndNoLeak(string path)
    {
        var random = new Random(20261122);
        for (var i = 0; i < 150; i++)
        {
            var body = new byte[random.Next(0, 64)];
            random.NextBytes(body);
            if (body.Length > 0 && random.Next(2) == 0)
            {
                body[0] = (byte)random.Next(2); // often a plausible flag byte, so the length prefix is read
            }

            var response = await fixture.Client.SendAsync(path, body);

            Assert.True(response.GrpcStatus is not null && AllowedStatuses.Contains(response.GrpcStatus),
                $"body {Convert.ToHexString(body)} got grpc-status {response.GrpcStatus} ({response.GrpcMessage})");
            Assert.DoesNotContain("Exception", response.GrpcMessage ?? "");
        }

        var healthy = await fixture.Client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(new SimpleRequest().ToByteArray()));
        Assert.Equal("0", healthy.GrpcStatus);
    }
}
