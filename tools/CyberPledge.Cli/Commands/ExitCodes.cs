namespace CyberPledge.Cli.Commands;

/// <summary>The process's exit codes: scripts tell a refused call from a mistyped command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
