namespace CyberPledge.Indicators;

/// <summary>Where an indicator stands, without its body: enough to tell whether it changed.</summary>
/// <param name="Id">The indicator id.</param>
/// <param name="Version">Its latest version.</param>
/// <param name="Sequence">That version's change-feed sequence.</param>
public sealed record IndicatorHead(string Id, ulong Version, ulong Sequence);
