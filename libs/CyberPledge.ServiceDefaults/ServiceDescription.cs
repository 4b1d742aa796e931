using CyberPledge.ServiceDefaults.CommandLine;

namespace CyberPledge.ServiceDefaults;

/// <summary>What a service host tells ServiceDefaults about itself.</summary>
/// <param name="Name">The short name that prefixes its lines ("indicators": "indicators: listening on ...").</param>
/// <param name="Summary">One sentence for <c>--help</c>.</param>
/// <param name="DefaultUrl">Where it listens unless <c>--urls</c> says otherwise (loopback, cleartext HTTP/2).</param>
/// <param name="HealthServiceName">The gRPC service name its health status is reported under (also "" for the whole server).</param>
/// <param name="Switches">Its own command-line switches, beside the common ones.</param>
public sealed record ServiceDescription(
    string Name,
    string Summary,
    string DefaultUrl,
    string HealthServiceName,
    IReadOnlyList<CommandLineSwitch> Switches);
