namespace CyberPledge.Indicators;

/// <summary>Who may call what. Everything not granted here is refused.</summary>
public static class IndicatorsAuthorization
{
    /// <summary>The policy guarding ApplyForeignVersion.</summary>
    public const string FederationPolicy = "indicators.federation";

    /// <summary>The role a caller needs for <see cref="FederationPolicy"/>: the node's Federation service.</summary>
    public const string FederationRole = "federation";
}
