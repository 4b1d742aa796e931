using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Grpc.Client.Tests.Infrastructure;

/// <summary>Methods with string messages (UTF-8), so the tests need no protos.</summary>
internal static class TestMethods
{
    public const string ServiceName = "test.EchoService";

    public static readonly Method<string, string> Unary = Create(MethodType.Unary, "Unary");
    public static readonly Method<string, string> ServerStreaming = Create(MethodType.ServerStreaming, "ServerStreaming");
    public static readonly Method<string, string> ClientStreaming = Create(MethodType.ClientStreaming, "ClientStreaming");
    public static readonly Method<string, string> Duplex = Create(MethodType.DuplexStreaming, "Duplex");

    /// <summary>The generous real-time bound every awaited call in a test gets, so a broken client fails instead of hanging.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    public static string Text(byte[] value) => Encoding.UTF8.GetString(value);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(TestTimeout);

    public static Task WithTimeout(this Task task) => task.WaitAsync(TestTimeout);

    public static GrpcChannel Channel(FakeGrpcServer server, Action<GrpcChannelOptions>? configure = null)
    {
        var options = new GrpcChannelOptions();
        configure?.Invoke(options);
        return GrpcChannel.ForAddress(server.Address, options);
    }

    /// <summary>Makes one unary call to a fake server that must fail; checks GetStatus agrees with the exception.</summary>
    public static async Task<RpcException> UnaryCallExpectingErrorAsync(RequestDelegate handler, Action<GrpcChannelOptions>? configure = null)
    {
        await using var server = await FakeGrpcServer.StartAsync(handler);
        using var channel = Channel(server, configure);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "request");
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WithTimeout());
        Assert.Equal(error.Status, call.GetStatus());
        return error;
    }

    private static Method<string, string> Create(MethodType type, string name) =>
        new(type, ServiceName, name, Marshallers.StringMarshaller, Marshallers.StringMarshaller);
}
