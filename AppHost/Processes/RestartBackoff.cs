namespace CyberPledge.AppHost.Processes;

/// <summary>
/// How long a crashed service waits before it is started again: 1 s, doubling with each crash in a row up to 30 s. A
/// service that ran for a minute before it crashed starts over at 1 s, so one crash a day is not punished as a loop.
/// </summary>
internal sealed class RestartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private int _crashesInARow;

    /// <summary>The wait after a crash of a process that ran for <paramref name="ranFor"/>.</summary>
    public TimeSpan NextDelay(TimeSpan ranFor)
    {
        _crashesInARow = ranFor >= StableAfter ? 1 : _crashesInARow + 1;
        var delay = First * Math.Pow(2, Math.Min(_crashesInARow - 1, 16));
        return delay < Longest ? delay : Longest;
    }
}
