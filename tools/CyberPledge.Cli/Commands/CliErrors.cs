using System.Text;
using CyberPledge.Cli.Output;
using Grpc.Core;

namespace CyberPledge.Cli.Commands;

/// <summary>The one-line error format, "cyberpledge: message", and the messages of the failures a command may meet.</summary>
internal static class CliErrors
{
    public static string Line(string message) => "cyberpledge: " + TerminalText.Clean(message);

    /// <summary>"UNAUTHENTICATED: detail": the status as gRPC spells it, so a script can match on it.</summary>
    public static string Describe(RpcException exception)
    {
        var code = StatusName(exception.StatusCode);
        return string.IsNullOrEmpty(exception.Status.Detail) ? code : $"{code}: {exception.Status.Detail}";
    }

    /// <summary>PermissionDenied becomes PERMISSION_DENIED.</summary>
    public static string StatusName(StatusCode code)
    {
        var name = code.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }
}

/// <summary>A mistake in how the command was called (exit code 2), found after parsing.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A failure the user can act on (a bad file, a missing token file): reported as its message alone (exit code 1).</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
