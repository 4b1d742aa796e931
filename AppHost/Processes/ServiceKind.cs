namespace CyberPledge.AppHost.Processes;

/// <summary>A node's four services, in the order they start (each needs the ones before it).</summary>
internal enum ServiceKind
{
    Indicators,
    Partners,
    Federation,
    Gateway,
}

internal static class ServiceKinds
{
    /// <summary>The service's name as it prints it (<c>indicators: listening on ...</c>) and as folders are named.</summary>
    public static string Name(this ServiceKind kind) => kind switch
    {
        ServiceKind.Indicators => "indicators",
        ServiceKind.Partners => "partners",
        ServiceKind.Federation => "federation",
        ServiceKind.Gateway => "gateway",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The project folder and assembly of the service.</summary>
    public static (string Project, string Assembly) Build(this ServiceKind kind) => kind switch
    {
        ServiceKind.Indicators => ("services/Indicators", "CyberPledge.Indicators.dll"),
        ServiceKind.Partners => ("services/Partners", "CyberPledge.Partners.dll"),
        ServiceKind.Federation => ("services/Federation", "CyberPledge.Federation.dll"),
        ServiceKind.Gateway => ("services/Gateway", "CyberPledge.Gateway.dll"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
