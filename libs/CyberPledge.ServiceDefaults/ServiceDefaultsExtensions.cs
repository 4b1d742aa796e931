using CyberPledge.ServiceDefaults.Hosting;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.ServiceDefaults.Telemetry;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.ServiceDefaults;

/// <summary>What every service host does the same way: <c>AddServiceDefaults()</c>, then <c>MapDefaultEndpoints()</c>.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>How long a stopping host waits for calls in flight (open streams end at once with UNAVAILABLE).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Where a development run keeps its development issuer's key unless told otherwise: shared by the user's local services.</summary>
    public static string DefaultDevelopmentKeyDirectory => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "cyberpledge", "development-issuer");

    // Lowest precedence: appsettings.json, environment and the command line override them.
    private static readonly Dictionary<string, string?> DefaultSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        // Request logging (six lines a call) belongs at Debug: a load test must not write gigabytes of log.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        // A failed start is reported as one line by ServiceHost; the host's own report is a stack trace.
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
        // The authentication stack brings data protection, which no service uses (no cookies): its key warnings are noise.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    /// <summary>
    /// Kestrel with cleartext HTTP/2 on the service's loopback address (or <c>urls</c>), structured console logging,
    /// gRPC with health reporting NOT_SERVING until the service's <see cref="IStartupWork"/> is done, graceful
    /// shutdown, caller identity (bearer tokens from the <c>Identity</c> section; anonymous callers refused wherever a
    /// method does not say otherwise), and metrics and traces exported over OTLP when <c>Telemetry:OtlpEndpoint</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceDescription service)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultSettings });
        builder.WebHost.UseUrls(ListenUrls.Check(builder.Configuration["urls"] is { Length: > 0 } urls ? urls : service.DefaultUrl));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));

        var services = builder.Services;
        services.AddSingleton(service);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        services.AddGrpc();
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
        services.TryAddSingleton<ServiceReadiness>();
        services.TryAddSingleton<ServiceExitCode>();
        services.AddHostedService<StartupWorkRunner>();
        services.AddValidatedOptions<TelemetryOptions>(builder.Configuration, TelemetryOptions.SectionName, options => options.Validate());
        services.TryAddSingleton<TelemetryExport>();
        services.AddCallerIdentity(builder.Configuration);
        // Configure, not PostConfigure: the development issuer's trust is itself a post-configuration that needs the key directory.
        services.Configure<CallerIdentityOptions>(options =>
        {
            if (options.DevelopmentIssuer.Enabled && string.IsNullOrWhiteSpace(options.DevelopmentIssuer.KeyDirectory))
            {
                options.DevelopmentIssuer.KeyDirectory = DefaultDevelopmentKeyDirectory;
            }
        });
        services.AddStartupWork<DevelopmentTokens>();
        return builder;
    }

    /// <summary>
    /// Maps the health service (open to every caller: probes send no credentials), server reflection, the per-call
    /// telemetry, the readiness gate and caller identity.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Created now, so an exporter exists before the first call and is flushed when the host is disposed.
        app.Services.GetRequiredService<TelemetryExport>();
        app.Services.GetRequiredService<ServiceReadiness>();
        app.UseMiddleware<CallTelemetry>();
        app.UseMiddleware<ReadinessGate>();
        app.UseCallerIdentity();
        app.MapGrpcService<HealthServiceImpl>().AllowAnonymous();
        // Reflection describes the API, never data: any authenticated caller may list it (grpcurl -H 'authorization:
        // Bearer ...'); in development, anyone, so a person can explore a local node without a token first.
        var reflection = app.MapGrpcReflectionService();
        if (app.Environment.IsDevelopment())
        {
            reflection.AllowAnonymous();
        }

        return app;
    }

    /// <summary>Registers work the service must finish before it serves (see <see cref="IStartupWork"/>).</summary>
    public static IServiceCollection AddStartupWork<TWork>(this IServiceCollection services) where TWork : class, IStartupWork
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IStartupWork, TWork>();
        return services;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and checks it when the host starts, before
    /// anything is created: each message that <paramref name="validate"/> yields names its setting
    /// ("Indicators:Nation: ...") and all of them together fail the start.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, IEnumerable<string>> validate)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section));
        return services.AddSettingsValidation(validate);
    }

    /// <summary>
    /// Checks <typeparamref name="TOptions"/> when the host starts, however they were bound: each message that
    /// <paramref name="validate"/> yields names its setting, and all of them together fail the start.
    /// </summary>
    public static IServiceCollection AddSettingsValidation<TOptions>(this IServiceCollection services, Func<TOptions, IEnumerable<string>> validate)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(validate);
        services.AddOptions<TOptions>().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(validate));
        return services;
    }
}
