using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Hosting;

/// <summary>Checks the gateway's settings before anything starts; each failure names its setting.</summary>
internal sealed class GatewayOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayOptions>
{
    private const string Section = GatewayOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Failures(GatewayOptions options)
    {
        foreach (var (setting, file) in new[]
                 {
                     ("CertificateFile (--cert)", options.CertificateFile),
                     ("KeyFile (--key)", options.KeyFile),
                     ("InternalKeyFile (--internal-key)", options.InternalKeyFile),
                 })
        {
            if (file.Length == 0)
            {
                yield return $"{Section}:{setting}: required";
            }
            else if (!File.Exists(file))
            {
                yield return $"{Section}:{setting}: \"{file}\" does not exist";
            }
        }

        if (string.IsNullOrWhiteSpace(options.InternalIssuer))
        {
            yield return $"{Section}:InternalIssuer (--internal-issuer): required (the services' Identity:InternalIssuer:Issuer)";
        }

        if (!options.Backends.ContainsKey(GatewayOptions.PartnersBackend))
        {
            yield return $"{Section}:Backends:{GatewayOptions.PartnersBackend}: required (the peer registry is read from it)";
        }

        foreach (var (name, backend) in options.Backends)
        {
            if (!IsHttpUrl(backend.Address))
            {
                yield return $"{Section}:Backends:{name}:Address: \"{backend.Address}\" is not an http or https URL";
            }

            for (var i = 0; i < backend.Replicas.Count; i++)
            {
                if (!IsHttpUrl(backend.Replicas[i]))
                {
                    yield return $"{Section}:Backends:{name}:Replicas:{i}: \"{backend.Replicas[i]}\" is not an http or https URL";
                }
            }

            foreach (var prefix in backend.PathPrefixes)
            {
                if (prefix.Length < 3 || prefix[0] != '/' || prefix[^1] != '/' || prefix.AsSpan(1, prefix.Length - 2).Contains('/'))
                {
                    yield return $"{Section}:Backends:{name}:PathPrefixes: \"{prefix}\" is not a gRPC service prefix such as /cyberpledge.v1.Indicators/";
                }
            }

            if (backend.AllowAnonymous && !environment.IsDevelopment())
            {
                yield return $"{Section}:Backends:{name}:AllowAnonymous: anonymous routes run only in the Development environment (this host: {environment.EnvironmentName})";
            }
        }

        foreach (var (kind, bucket) in new[]
                 {
                     ("Peer", options.RateLimits.Peer), ("Partner", options.RateLimits.Partner),
                     ("User", options.RateLimits.User), ("Anonymous", options.RateLimits.Anonymous),
                 })
        {
            if (bucket.PermitsPerSecond < 1 || bucket.Burst < 1)
            {
                yield return $"{Section}:RateLimits:{kind}: PermitsPerSecond and Burst must be at least 1";
            }
        }

        if (options.MaxMessageBytes < 1024)
        {
            yield return $"{Section}:MaxMessageBytes: must be at least 1024";
        }

        if (options.StreamIdleTimeout <= TimeSpan.Zero)
        {
            yield return $"{Section}:StreamIdleTimeout: must be positive";
        }

        if (options.HealthProbeInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{Section}:HealthProbeInterval: must be at least 100 ms";
        }

        var basic = options.TaxiiBasic;
        if (basic.MaxFailures is < 1 or > 100 || basic.FailureWindow < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:TaxiiBasic: MaxFailures must be 1-100 and FailureWindow at least 1 s";
        }

        // The cache is what lets a revoked credential go on working: at most a few minutes.
        if (basic.CacheLifetime < TimeSpan.Zero || basic.CacheLifetime > TimeSpan.FromMinutes(5))
        {
            yield return $"{Section}:TaxiiBasic:CacheLifetime: must be 0 to 5 minutes";
        }
    }

    private static bool IsHttpUrl(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
