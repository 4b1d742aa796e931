using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.ServiceDefaults.Hosting;

/// <summary>The exit code the process ends with: 0 unless something in the host decided otherwise.</summary>
internal sealed class ServiceExitCode
{
    public int Value { get; set; }
}

/// <summary>Reads the <see cref="ServiceExitCode"/> of a host.</summary>
internal static class ServiceExitCodeExtensions
{
    public static int GetExitCode(this IServiceProvider services) => services.GetService<ServiceExitCode>()?.Value ?? 0;
}
