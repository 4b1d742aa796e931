using System.Text;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Grpc.Client.Tests;

/// <summary>Responses that are not a plain success: each is written byte by byte by a fake server.</summary>
public sealed class UnaryCallErrorTests
{
    [Fact]
    public async Task AsyncUnaryCall_TrailersOnly_StatusAndMetadataFromHeaders()
    {
        var error = await UnaryCallExpectingErrorAsync(context =>
        {
            context.Response.ContentType = GrpcWire.ContentType;
            context.Response.Headers["grpc-status"] = "5";
            context.Response.Headers["grpc-message"] = "no such indicator";
            context.Response.Headers["detail-bin"] = "AAE=";
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such indicator", error.Status.Detail);
        Assert.Equal(new byte[] { 0, 1 }, error.Trailers.GetValueBytes("detail-bin"));
    }

    [Fact]
    public async Task AsyncUnaryCall_TrailersOnlyWithOk_InternalBecauseNoMessage()
    {
        var error = await UnaryCallExpectingErrorAsync(context =>
        {
            context.Response.ContentType = GrpcWire.ContentType;
            context.Response.Headers["grpc-status"] = "0";
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_OkStatusWithoutMessage_Internal()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            GrpcWire.SetStatus(context, 0);
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("Failed to deserialize response message", error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_TwoMessages_Internal()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("one"));
            await GrpcWire.WriteMessageAsync(context, Utf8("two"));
            GrpcWire.SetStatus(context, 0);
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_ErrorStatusInTrailers_RpcExceptionWithPercentDecodedMessageAndTrailers()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            GrpcWire.SetStatus(context, 7, "d%C3%A9j%C3%A0 vu 100%25");
            context.Response.AppendTrailer("policy-bin", "AQ,Ag"); // two binary values, unpadded
        });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("déjà vu 100%", error.Status.Detail);
        Assert.Equal([[1], [2]], error.Trailers.GetAll("policy-bin").Select(e => e.ValueBytes));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(418, StatusCode.Unknown)]
    public async Task AsyncUnaryCall_HttpErrorWithoutGrpcStatus_MappedStatus(int httpStatus, StatusCode expected)
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            context.Response.StatusCode = httpStatus;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>proxy error</html>");
        });

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_HttpErrorWithGrpcStatus_GrpcStatusWins()
    {
        var error = await UnaryCallExpectingErrorAsync(context =>
        {
            context.Response.StatusCode = 503;
            context.Response.ContentType = GrpcWire.ContentType;
            context.Response.Headers["grpc-status"] = "8";
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_WrongContentType_Internal()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}");
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("application/json", error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_TruncatedMessage_Internal()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            var frame = GrpcWire.Frame(Utf8("a message cut short"));
            await context.Response.Body.WriteAsync(frame.AsMemory(0, frame.Length - 4));
            GrpcWire.SetStatus(context, 0);
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("Incomplete", error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_MessageOverMaxReceiveSize_ResourceExhaustedAndRequestCancelled()
    {
        var serverSawAbort = new TaskCompletionSource();
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            context.RequestAborted.Register(() => serverSawAbort.TrySetResult());
            await GrpcWire.StartResponseAsync(context);
            // Only the prefix: the client must refuse the message before its body arrives.
            await context.Response.Body.WriteAsync(GrpcWire.Frame(new byte[2048]).AsMemory(0, 5));
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }, options => options.MaxReceiveMessageSize = 1024);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await serverSawAbort.Task.WithTimeout();
    }

    [Fact]
    public async Task AsyncUnaryCall_CompressedFlagWithoutGrpcEncoding_Internal()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, GrpcWire.Gzip(Utf8("zipped")), flag: 1);
            GrpcWire.SetStatus(context, 0);
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("compressed", error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_NoGrpcStatusInTrailers_Unknown()
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await GrpcWire.WriteMessageAsync(context, Utf8("no status follows"));
        });

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("No grpc-status found on response.", error.Status.Detail);
    }

    [Fact]
    public async Task AsyncUnaryCall_UndeserializableMessage_Internal()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => GrpcWire.RespondAsync(context, [0xC3, 0x28]));
        using var channel = Channel(server);
        var strict = new Method<string, string>(MethodType.Unary, ServiceName, "Unary", Marshallers.StringMarshaller,
            Marshallers.Create<string>(s => Utf8(s), b => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(b)));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(strict, null, new CallOptions(), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.IsType<DecoderFallbackException>(error.Status.DebugException);
    }
}
