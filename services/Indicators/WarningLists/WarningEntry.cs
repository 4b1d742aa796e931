namespace CyberPledge.Indicators.WarningLists;

/// <summary>One entry of one list, as a match reports it.</summary>
/// <param name="Order">The list's position and the entry's within it, so matches come out in list order.</param>
/// <param name="List">The list's name.</param>
/// <param name="Entry">The entry as normalized.</param>
internal sealed record WarningEntry(long Order, string List, string Entry);
