using Microsoft.AspNetCore.Http;

namespace CyberPledge.Grpc.Client.Tests.Infrastructure;

/// <summary>Server behaviours several tests share.</summary>
internal static class FakeHandlers
{
    /// <summary>Never answers; reports the grpc-timeout it got, and when the client's reset (RST_STREAM) arrives.</summary>
    public static RequestDelegate NeverAnswers(TaskCompletionSource aborted, TaskCompletionSource<string?>? timeoutHeader = null) => async context =>
    {
        timeoutHeader?.TrySetResult(context.Request.Headers["grpc-timeout"].FirstOrDefault());
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            aborted.TrySetResult();
        }
    };
}
