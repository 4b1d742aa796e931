using CyberPledge.Federation.Storage;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.Stix;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Taxii.Connector;

/// <summary>
/// Runs one poller per stored source (docs/taxii.md, "Connector"): it polls at once, then every poll interval; a
/// failed poll (HTTP status, TAXII error, TLS, an import that did not happen) is shown as "failing" with its error
/// and retried with backoff, never ending the service. Removing a source stops its poller first.
/// </summary>
/// <remarks>
/// One poller per source per process: a node running several Federation replicas on one PostgreSQL would poll a
/// source once per replica (harmless, imports are idempotent, but wasteful) until polling is owned through a lease
/// (issue 17).
/// </remarks>
internal sealed partial class TaxiiConnector(
    IFederationStore store, TaxiiSourcePoll poll, TaxiiCredentialSealer sealer, TimeProvider time, IServiceProvider provider, ILogger<TaxiiConnector> logger)
    : BackgroundService
{
    /// <summary>The longest wait after failures (unless the interval itself is longer).</summary>
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Poller> _pollers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping = new(canceled: true);

    /// <summary>Starts polling a source just stored.</summary>
    public void Start(StoredTaxiiSource source)
    {
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested && !_pollers.ContainsKey(source.Name))
            {
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
                _pollers[source.Name] = new Poller(cancel, Task.Run(() => PollLoopAsync(source, cancel.Token), CancellationToken.None));
            }
        }
    }

    /// <summary>Stops the poller of <paramref name="name"/> and waits until it has ended.</summary>
    public async Task StopPollingAsync(string name)
    {
        Poller? poller;
        lock (_gate)
        {
            _pollers.Remove(name, out poller);
        }

        if (poller is not null)
        {
            await poller.Cancel.CancelAsync().ConfigureAwait(false);
            await poller.Loop.ConfigureAwait(false);
            poller.Cancel.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (provider.GetService<ServiceReadiness>() is { } readiness)
        {
            await readiness.WhenServing.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _stopping = stoppingToken;
        }

        foreach (var source in await store.TaxiiSourcesAsync(stoppingToken).ConfigureAwait(false))
        {
            Start(source);
        }

        _started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        string[] names;
        lock (_gate)
        {
            names = [.. _pollers.Keys];
        }

        await Task.WhenAll(names.Select(StopPollingAsync)).ConfigureAwait(false);
    }

    private async Task PollLoopAsync(StoredTaxiiSource source, CancellationToken cancellationToken)
    {
        var failures = 0;
        try
        {
            var credentials = await sealer.UnsealAsync(source.Name, source.SealedCredentials, cancellationToken).ConfigureAwait(false);
            using var fetcher = new TaxiiPageFetcher(source.CaCertificatePem, credentials, StixReadLimits.Default);
            while (!cancellationToken.IsCancellationRequested)
            {
                failures = await PollOnceAsync(source.Name, fetcher, failures, cancellationToken).ConfigureAwait(false);
                var wait = failures == 0 ? source.PollInterval : Backoff(source.PollInterval, failures);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException)
        {
            // Sealed under another key (a restored database, say): shown, not retried; the administrator adds it again.
            await TrySetStatusAsync(source.Name, TaxiiSourceStates.Failing, "its credentials cannot be unsealed by this node: remove and add it again", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One poll from the stored position; returns the count of consecutive failures after it.</summary>
    private async Task<int> PollOnceAsync(string name, TaxiiPageFetcher fetcher, int failures, CancellationToken cancellationToken)
    {
        try
        {
            var source = (await store.TaxiiSourcesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Name == name);
            if (source is null)
            {
                return failures;
            }

            await store.SetTaxiiSourceStatusAsync(name, source.Status with { State = TaxiiSourceStates.Polling }, cancellationToken).ConfigureAwait(false);
            var position = await poll.RunAsync(source, fetcher, cancellationToken).ConfigureAwait(false);
            await store.SetTaxiiSourceStatusAsync(name, new TaxiiSourceStatus(TaxiiSourceStates.Idle, "", time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            LogPolled(logger, name, position);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(logger, name, e.Message);
            await TrySetStatusAsync(name, TaxiiSourceStates.Failing, e is TaxiiPollException ? e.Message : $"{e.GetType().Name}: {e.Message}", cancellationToken).ConfigureAwait(false);
            return failures + 1;
        }
    }

    private async Task TrySetStatusAsync(string name, string state, string error, CancellationToken cancellationToken)
    {
        try
        {
            await store.SetTaxiiSourceStatusAsync(name, new TaxiiSourceStatus(state, error, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPollFailed(logger, name, "its status could not be stored: " + e.Message);
        }
    }

    /// <summary>The interval doubled per consecutive failure, at most <see cref="LongestBackoff"/> (or the interval when longer).</summary>
    internal static TimeSpan Backoff(TimeSpan interval, int failures)
    {
        var longest = interval > LongestBackoff ? interval : LongestBackoff;
        var wait = interval * Math.Pow(2, Math.Min(failures - 1, 30));
        return wait > longest ? longest : wait;
    }

    private sealed record Poller(CancellationTokenSource Cancel, Task Loop);

    [LoggerMessage(EventId = 170, Level = LogLevel.Debug, Message = "TAXII source {Source} polled up to {Position}")]
    private static partial void LogPolled(ILogger logger, string source, string position);

    [LoggerMessage(EventId = 171, Level = LogLevel.Warning, Message = "TAXII source {Source}: the poll failed ({Reason})")]
    private static partial void LogPollFailed(ILogger logger, string source, string reason);
}
