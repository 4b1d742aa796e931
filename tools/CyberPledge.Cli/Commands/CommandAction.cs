using System.CommandLine;
using System.Security.Cryptography;
using CyberPledge.Cli.Connection;
using CyberPledge.Cli.Output;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Cli.Commands;

/// <summary>
/// One command's run: its parsed arguments, its output, its connection (resolved on first use), and the error
/// handling every command shares: one line on stderr and exit code 1 (2 for usage).
/// </summary>
internal sealed class CommandAction : IDisposable
{
    private readonly CliContext _context;
    private ServiceConnection? _connection;

    private CommandAction(CliContext context, ParseResult parsed, CancellationToken cancellationToken)
    {
        _context = context;
        Parsed = parsed;
        CancellationToken = cancellationToken;
        Output = new CliOutput(context.Settings, parsed.GetValue(context.Globals.Json));
    }

    public ParseResult Parsed { get; }

    public CancellationToken CancellationToken { get; }

    public CliOutput Output { get; }

    public TextWriter Error => _context.Settings.Error;

    /// <summary>The services' addresses and the caller's token, from the options, a token file or the environment.</summary>
    public ServiceConnection Connection => _connection ??= ConnectionResolver.Resolve(Parsed, _context.Globals, _context.Settings);

    public T Value<T>(Option<T> option) => Parsed.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parsed.GetValue(argument)!;

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="run"/> with the shared error handling.</summary>
    public static void Bind(Command command, CliContext context, Func<CommandAction, Task<int>> run) =>
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var action = new CommandAction(context, parsed, cancellationToken);
            try
            {
                return await run(action).ConfigureAwait(false);
            }
            catch (Exception e) when (IsCancellation(e, cancellationToken))
            {
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (Describe(e) is { } message)
            {
                await context.Settings.Error.WriteLineAsync(CliErrors.Line(message)).ConfigureAwait(false);
                return e is UsageException ? ExitCodes.Usage : ExitCodes.Failure;
            }
        });

    /// <summary>Whether <paramref name="e"/> is the command stopping because it was asked to (Ctrl+C).</summary>
    public static bool IsCancellation(Exception e, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
        && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled };

    /// <summary>The one-line message of a failure a person can act on; null for a bug (which keeps its stack trace).</summary>
    private static string? Describe(Exception e) => e switch
    {
        RpcException rpc => CliErrors.Describe(rpc),
        UsageException or CliException => e.Message,
        InvalidProtocolBufferException => "invalid JSON: " + e.Message,
        IOException or UnauthorizedAccessException or CryptographicException => e.Message,
        InvalidOperationException or ArgumentException => e.Message,
        HttpRequestException => "cannot connect: " + e.Message,
        _ => null,
    };

    public void Dispose() => _connection?.Dispose();
}
