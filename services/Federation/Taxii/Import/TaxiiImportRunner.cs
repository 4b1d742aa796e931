using System.Text.Json;
using CyberPledge.Federation.Storage;
using CyberPledge.ServiceDefaults.Readiness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Taxii.Import;

/// <summary>
/// Imports the pending TAXII POSTs, oldest first, and completes each status with its outcomes; at start-up it finishes
/// what a restart interrupted. An import that fails as a whole (Indicators unreachable) stays pending and is tried
/// again: a re-import changes nothing. Completed statuses older than <see cref="TaxiiImports.Retention"/> are deleted.
/// </summary>
internal sealed partial class TaxiiImportRunner(
    IFederationStore store, TaxiiImports imports, IStixImporter importer, TimeProvider time, ILogger<TaxiiImportRunner> logger, IServiceProvider provider)
    : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The store opens as start-up work: imports start once the service serves.
        if (provider.GetService<ServiceReadiness>() is { } readiness)
        {
            await readiness.WhenServing.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await store.OpenAsync(stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken).ConfigureAwait(false);
                await store.DeleteTaxiiStatusesBeforeAsync(time.GetUtcNow() - TaxiiImports.Retention, stoppingToken).ConfigureAwait(false);
                await imports.WaitForPostAsync(Idle, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogImportFailed(logger, e.Message, (long)RetryDelay.TotalMilliseconds);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var pending in await store.PendingTaxiiImportsAsync(cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(pending.ObjectsJson);
            var objects = document.RootElement.EnumerateArray().ToArray();
            var outcomes = await importer.ImportAsync(pending.Status.Source, objects, cancellationToken).ConfigureAwait(false);
            await store.CompleteTaxiiStatusAsync(pending.Status.Id, time.GetUtcNow(), JsonSerializer.Serialize(outcomes), cancellationToken)
                .ConfigureAwait(false);
            LogImported(logger, pending.Status.Id, pending.Status.CollectionId, outcomes.Count(o => o.Succeeded), outcomes.Count(o => !o.Succeeded));
        }
    }

    [LoggerMessage(EventId = 160, Level = LogLevel.Warning, Message = "A TAXII import failed ({Reason}); it stays pending and is retried in {DelayMs} ms")]
    private static partial void LogImportFailed(ILogger logger, string reason, long delayMs);

    [LoggerMessage(EventId = 161, Level = LogLevel.Information, Message = "TAXII import {StatusId} to collection {CollectionId} complete: {Succeeded} succeeded, {Failed} failed")]
    private static partial void LogImported(ILogger logger, string statusId, string collectionId, int succeeded, int failed);
}
