using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.Reflection.Tests;

/// <summary>Wiring mistakes fail when the app is built, not on a tool's first call.</summary>
public sealed class MappingTests
{
    [Fact]
    public async Task MapGrpcReflectionService_AddGrpcReflectionForgotten_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpc();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcReflectionService());

        Assert.Contains("AddGrpcReflection", error.Message, StringComparison.Ordinal);
    }
}
