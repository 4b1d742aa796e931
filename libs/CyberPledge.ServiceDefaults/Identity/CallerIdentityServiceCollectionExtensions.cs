using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>Wires caller identity into a host: bearer tokens from trusted issuers, and authorization that denies by default.</summary>
public static class CallerIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Adds JWT bearer authentication (ES256 tokens from the issuers in the <c>Identity</c> section, validated at start,
    /// verification cached by token digest), the <see cref="CallerPolicies"/>, and a fallback policy that refuses
    /// anonymous callers wherever no [Authorize] or [AllowAnonymous] says otherwise.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration; its <c>Identity</c> section is bound.</param>
    /// <param name="configure">Changes applied after binding (tests add keys made at run time here).</param>
    public static IServiceCollection AddCallerIdentity(this IServiceCollection services, IConfiguration configuration,
        Action<CallerIdentityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<CallerIdentityOptions>().Bind(configuration.GetSection(CallerIdentityOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallerIdentityOptions>, CallerIdentityOptionsValidator>());
        services.TryAddSingleton<DevelopmentIssuerTrust>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CallerIdentityOptions>, DevelopmentIssuerTrust>(
            provider => provider.GetRequiredService<DevelopmentIssuerTrust>()));
        services.TryAddSingleton(provider =>
        {
            _ = provider.GetRequiredService<IOptions<CallerIdentityOptions>>().Value;
            return provider.GetRequiredService<DevelopmentIssuerTrust>().Issuer
                ?? throw new InvalidOperationException($"{CallerIdentityOptions.SectionName}:DevelopmentIssuer:Enabled: the development issuer is not enabled");
        });
        services.TryAddSingleton<IssuerRegistry>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CallerIdentityOptions>, IssuerRegistry, TimeProvider, ILoggerFactory>((jwt, identity, issuers, time, loggers) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = TokenValidation.CreateParameters(identity.Value, issuers, time);
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, issuers,
                    new VerifiedTokenCache(VerifiedTokenCache.DefaultCapacity), time, loggers.CreateLogger(typeof(CallerIdentity).FullName!)));
            });
        services.AddAuthorization(CallerPolicies.Register);
        return services;
    }

    /// <summary>Adds the authentication and authorization middleware, in that order, before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseCallerIdentity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseAuthentication().UseAuthorization();
    }

    /// <summary>The caller of a gRPC call, as authenticated by the host.</summary>
    public static CallerIdentity GetCallerIdentity(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CallerIdentity.FromPrincipal(context.GetHttpContext().User);
    }
}
