using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>Server interceptors run around handlers in registration order and can answer for them.</summary>
public sealed class InterceptorTests
{
    [Fact]
    public async Task Interceptors_RunOutermostFirstAndSeeTheRequest()
    {
        var log = new List<string>();
        await using var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(new CallObserver());
                services.AddSingleton(log);
                services.AddGrpc(o =>
                {
                    o.Interceptors.Add<RecordingInterceptor>("outer");
                    o.Interceptors.Add<RecordingInterceptor>("inner");
                });
            },
            app => app.MapGrpcService<ScriptedTestService>());
        using var client = new RawGrpcClient(server.Address);

        var response = await client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(new SimpleRequest { ResponseSize = 4 }.ToByteArray()));

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal(["outer before 4", "inner before 4", "inner after", "outer after"], log);
        Assert.Equal(["inner", "outer"], response.Trailers.GetValues("x-intercepted-by"));
    }

    [Fact]
    public async Task Interceptor_ThrowsRpcException_ItsStatusIsSent()
    {
        await using var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(new CallObserver());
                services.AddGrpc(o => o.Interceptors.Add<DenyingInterceptor>());
            },
            app => app.MapGrpcService<ScriptedTestService>());
        using var client = new RawGrpcClient(server.Address);

        var response = await client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame(new SimpleRequest().ToByteArray()));

        Assert.Equal("7", response.GrpcStatus);
        Assert.Equal("denied by interceptor", response.GrpcMessage);
    }

    private sealed class RecordingInterceptor(List<string> log, string name) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            lock (log)
            {
                log.Add($"{name} before {((SimpleRequest)(object)request).ResponseSize}");
            }
            var response = await continuation(request, context);
            lock (log)
            {
                log.Add($"{name} after");
            }
            context.ResponseTrailers.Add("x-intercepted-by", name);
            return response;
        }
    }

    private sealed class DenyingInterceptor : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            throw new RpcException(new Status(StatusCode.PermissionDenied, "denied by interceptor"));
    }
}
