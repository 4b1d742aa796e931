using CyberPledge.Testing;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>
/// The service's dll started as a user starts it: the arguments as given (no --data-dir or --urls added) and the
/// settings of appsettings.json (no log level override), trusting <paramref name="tokens"/> when given.
/// </summary>
internal static class ServiceCommand
{
    /// <summary>How long a start that must fail, or a --help, may take.</summary>
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts the dll; <paramref name="environment"/> adds to (or, with null values, removes from) the token settings.</summary>
    public static ChildProcess Start(
        TestTokens? tokens,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>(tokens?.ServiceEnvironment ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return ChildProcess.StartDotnet(ServiceProcess.ServiceDll, arguments, workingDirectory, variables);
    }

    /// <summary>Runs the dll to its end (it must exit on its own) and returns it with its exit code.</summary>
    public static async Task<(ChildProcess Process, int ExitCode)> RunAsync(TestTokens? tokens, params string[] arguments)
    {
        var process = Start(tokens, arguments);
        try
        {
            return (process, await process.WaitForExitAsync(ExitTimeout));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The non-empty lines of <paramref name="output"/>.</summary>
    public static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
