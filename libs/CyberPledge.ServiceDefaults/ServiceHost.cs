using CyberPledge.ServiceDefaults.CommandLine;
using CyberPledge.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.ServiceDefaults;

/// <summary>
/// Runs a service host the way every service of a node runs: its command line (with <c>--help</c>), ServiceDefaults,
/// the service's own registrations and endpoints, and start-up errors reported as one line with exit code 1 instead of
/// a stack trace.
/// </summary>
public static class ServiceHost
{
    /// <summary>Exit code of a start that failed: a bad setting, a locked data directory, a port in use.</summary>
    public const int StartFailedExitCode = 1;

    /// <summary>Exit code of a command line that cannot be used as given.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Builds and runs the host until it stops; returns the process exit code. <paramref name="addServices"/> registers
    /// the service (<c>builder.Services.AddX(builder.Configuration)</c>), <paramref name="mapEndpoints"/> maps it.
    /// </summary>
    public static async Task<int> RunAsync(
        ServiceDescription service,
        string[] args,
        Action<WebApplicationBuilder> addServices,
        Action<WebApplication> mapEndpoints)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(addServices);
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        var commandLine = new ServiceCommandLine(service.Switches);
        if (ServiceCommandLine.IsHelpRequested(args))
        {
            Console.Out.Write(commandLine.Help(service.Name, service.Summary));
            return 0;
        }

        IReadOnlyDictionary<string, string?> settings;
        try
        {
            settings = commandLine.Parse(args);
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync($"{service.Name}: {e.Message}").ConfigureAwait(false);
            return UsageExitCode;
        }

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [],
                EnvironmentName = settings.GetValueOrDefault("environment"),
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddServiceDefaults(service);
            addServices(builder);
            await using var app = builder.Build();
            app.MapDefaultEndpoints();
            mapEndpoints(app);
            // Read before running: RunAsync disposes the host's services when it stops.
            var exitCode = app.Services.GetRequiredService<ServiceExitCode>();
            await app.RunAsync().ConfigureAwait(false);
            return exitCode.Value;
        }
#pragma warning disable CA1031 // Whatever fails the start is reported as one line; the process ends either way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"{service.Name}: {StartupErrors.Describe(e)}").ConfigureAwait(false);
            return StartFailedExitCode;
        }
    }
}
