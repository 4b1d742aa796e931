namespace CyberPledge.Grpc.Client.Tests;

public sealed class CredentialsTests
{
    private static CallCredentials Bearer(string token) =>
        CallCredentials.FromInterceptor((context, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + token + " for " + context.ServiceUrl + " " + context.MethodName);
            return Task.CompletedTask;
        });

    private static async Task<string?> SentAuthorizationAsync(CallOptions options, Action<GrpcChannelOptions> configure)
    {
        var seen = new TaskCompletionSource<string?>();
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            seen.SetResult(context.Request.Headers.Authorization.FirstOrDefault());
            await GrpcWire.RespondAsync(context, Utf8("ok"));
        });
        using var channel = Channel(server, configure);
        await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, options, "x").ResponseAsync.WithTimeout();
        return await seen.Task.WithTimeout();
    }

    [Fact]
    public async Task AsyncUnaryCall_CallCredentialsOnInsecureChannel_NotSent()
    {
        var sent = await SentAuthorizationAsync(new CallOptions(credentials: Bearer("secret")), _ => { });

        Assert.Null(sent);
    }

    [Fact]
    public async Task AsyncUnaryCall_CallCredentialsWithUnsafeOptIn_Sent()
    {
        var sent = await SentAuthorizationAsync(new CallOptions(credentials: Bearer("secret")), o => o.UnsafeUseInsecureChannelCallCredentials = true);

        Assert.NotNull(sent);
        Assert.StartsWith("Bearer secret for http://127.0.0.1:", sent);
        Assert.EndsWith("/test.EchoService Unary", sent);
    }

    [Fact]
    public async Task AsyncUnaryCall_ChannelAndCallCredentials_BothApplied()
    {
        var sent = await SentAuthorizationAsync(new CallOptions(credentials: Bearer("call")), o =>
        {
            o.UnsafeUseInsecureChannelCallCredentials = true;
            o.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, Bearer("channel"));
        });

        Assert.NotNull(sent);
        Assert.Contains("Bearer channel", sent);
        Assert.Contains("Bearer call", sent);
    }

    [Fact]
    public async Task AsyncUnaryCall_CredentialsThrow_UnavailableWithoutRequest()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, Utf8("unexpected")));
        using var channel = Channel(server, o => o.UnsafeUseInsecureChannelCallCredentials = true);
        var broken = CallCredentials.FromInterceptor((_, _) => throw new InvalidOperationException("token service down"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(credentials: broken), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("token service down", error.Status.Detail);
        Assert.Equal(0, server.RequestCount);
    }
}
