using System.Globalization;
using System.Text.RegularExpressions;

namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>The line every interop server here prints once it accepts calls: <c>listening on 127.0.0.1:PORT</c>.</summary>
internal static partial class ListeningLine
{
    /// <summary>Waits for the line and returns the port in it.</summary>
    public static async Task<int> WaitForPortAsync(ChildProcess server, TimeSpan timeout)
    {
        var match = await server.WaitForLineAsync(Pattern(), timeout);
        return int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^listening on 127\.0\.0\.1:(?<port>\d+)$")]
    private static partial Regex Pattern();
}
