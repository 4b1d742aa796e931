using CyberPledge.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CyberPledge.ServiceDefaults.Readiness;

/// <summary>
/// Runs the service's <see cref="IStartupWork"/>s once the host listens, then marks it serving and prints
/// "&lt;service&gt;: listening on &lt;url&gt;" (the line scripts and tests wait for); on a failure prints
/// "&lt;service&gt;: &lt;problem&gt;" to standard error and stops the host with exit code 1.
/// </summary>
internal sealed class StartupWorkRunner(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ServiceReadiness readiness,
    ServiceDescription service,
    ServiceExitCode exitCode) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        lifetime.ApplicationStopping.Register(readiness.MarkNotServing);
        try
        {
            foreach (var work in services.GetServices<IStartupWork>())
            {
                await work.RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // A failed start is reported as one line and ends the process; nothing else can use it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"{service.Name}: {StartupErrors.Describe(e)}").ConfigureAwait(false);
            exitCode.Value = ServiceHost.StartFailedExitCode;
            lifetime.StopApplication();
            return;
        }

        readiness.MarkServing();
        foreach (var address in services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            Console.WriteLine($"{service.Name}: listening on {address}");
        }
    }
}
