using CyberPledge.Federation.Links;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>A worker running in the background, stopped at the end of a test.</summary>
internal sealed class RunningLink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private LinkWorker _worker = null!;
    private Task<LinkState> _run = null!;

    public static async Task<RunningLink> StartAsync(LinkHarness harness)
    {
        var link = new RunningLink { _worker = await harness.WorkerAsync() };
        link._run = link._worker.RunAsync(link._stop.Token);
        return link;
    }

    /// <summary>The cursor the link to JPN stored, empty when none.</summary>
    public static ByteString Cursor(LinkHarness harness) =>
        harness.Store.GetCursorAsync("JPN", CancellationToken.None).GetAwaiter().GetResult() is { } cursor
            ? ByteString.CopyFrom(cursor.Cursor)
            : ByteString.Empty;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
