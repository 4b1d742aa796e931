using Grpc.Core;

namespace CyberPledge.ServiceDefaults;

/// <summary>
/// Follows a server stream of another service for as long as the host runs (a registry, agreements, a feed): opens
/// it, hands over each message, and when it breaks opens it again after a backoff that doubles from
/// <see cref="FirstRetry"/> to <see cref="LongestRetry"/> and starts over once a message arrives.
/// </summary>
public static class StreamFollower
{
    /// <summary>The first wait after a failure.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between attempts.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="stop"/> is cancelled; never throws for a failed call.</summary>
    /// <param name="open">Opens the stream.</param>
    /// <param name="onMessage">Takes one message.</param>
    /// <param name="onFailure">Told of each failure (the status, and the wait before the next attempt).</param>
    /// <param name="stop">Ends the following.</param>
    public static async Task FollowAsync<T>(
        Func<CancellationToken, AsyncServerStreamingCall<T>> open,
        Func<T, CancellationToken, Task> onMessage,
        Action<RpcException, TimeSpan> onFailure,
        CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(onMessage);
        ArgumentNullException.ThrowIfNull(onFailure);
        var retry = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var call = open(stop);
                while (await call.ResponseStream.MoveNext(stop).ConfigureAwait(false))
                {
                    await onMessage(call.ResponseStream.Current, stop).ConfigureAwait(false);
                    retry = FirstRetry;
                }

                onFailure(new RpcException(new Status(StatusCode.Unavailable, "the stream ended")), retry);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                onFailure(e, retry);
            }

            try
            {
                await Task.Delay(retry, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
        }
    }
}
