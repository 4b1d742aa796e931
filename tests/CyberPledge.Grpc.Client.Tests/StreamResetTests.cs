using Microsoft.AspNetCore.Http.Features;

namespace CyberPledge.Grpc.Client.Tests;

/// <summary>Streams the server resets (RST_STREAM), mapped to statuses by the table in PROTOCOL-HTTP2.md.</summary>
public sealed class StreamResetTests
{
    [Theory]
    [InlineData(0x8, StatusCode.Cancelled)]            // CANCEL
    [InlineData(0xb, StatusCode.ResourceExhausted)]    // ENHANCE_YOUR_CALM
    [InlineData(0xc, StatusCode.PermissionDenied)]     // INADEQUATE_SECURITY
    [InlineData(0x2, StatusCode.Internal)]             // INTERNAL_ERROR
    [InlineData(0x0, StatusCode.Internal)]             // NO_ERROR without a status
    public async Task AsyncUnaryCall_ServerResetsStream_StatusFromErrorCode(int errorCode, StatusCode expected)
    {
        var error = await UnaryCallExpectingErrorAsync(async context =>
        {
            await GrpcWire.StartResponseAsync(context);
            await context.Response.Body.FlushAsync();
            context.Features.Get<IHttpResetFeature>()!.Reset(errorCode);
        });

        Assert.Equal(expected, error.StatusCode);
    }

    [Theory]
    [InlineData(0x7, StatusCode.Unavailable)]          // REFUSED_STREAM: nothing was processed
    [InlineData(0xb, StatusCode.ResourceExhausted)]    // ENHANCE_YOUR_CALM
    public async Task AsyncUnaryCall_ServerResetsBeforeHeaders_StatusFromErrorCode(int errorCode, StatusCode expected)
    {
        var error = await UnaryCallExpectingErrorAsync(context =>
        {
            context.Features.Get<IHttpResetFeature>()!.Reset(errorCode);
            return Task.CompletedTask;
        });

        Assert.Equal(expected, error.StatusCode);
    }
}
