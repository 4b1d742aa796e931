namespace CyberPledge.ServiceDefaults;

/// <summary>The assembly's anchor until its first public type lands.</summary>
internal static class ServiceDefaultsMarker;
