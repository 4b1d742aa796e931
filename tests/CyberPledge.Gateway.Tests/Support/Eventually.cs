using System.Diagnostics;

namespace CyberPledge.Gateway.Tests.Support;

/// <summary>Waits for what the gateway learns asynchronously (a registry change), with a deadline.</summary>
internal static class Eventually
{
    /// <summary>Calls <paramref name="probe"/> until it returns <paramref name="expected"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> Reach<T>(Func<Task<T>> probe, T expected, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        T last;
        do
        {
            last = await probe();
            if (EqualityComparer<T>.Default.Equals(last, expected))
            {
                return watch.Elapsed;
            }

            await Task.Delay(50);
        }
        while (watch.Elapsed < timeout);

        throw new TimeoutException($"Still {last} after {timeout.TotalSeconds} s, expected {expected}.");
    }
}
