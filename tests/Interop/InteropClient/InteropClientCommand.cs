using CyberPledge.InteropClient.Cases;
using Grpc.Testing;

namespace CyberPledge.InteropClient;

/// <summary>The client program: flags in, cases run, exit code out. Tests call it in-process with the same flags.</summary>
public static class InteropClientCommand
{
    /// <summary>Exit code when every selected case passed.</summary>
    public const int Passed = 0;

    /// <summary>Exit code when a case failed; the reason is on <c>errors</c>.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for bad flags.</summary>
    public const int BadArguments = 2;

    /// <summary>Runs the cases the flags select; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        InteropClientOptions options;
        try
        {
            options = InteropClientOptions.Parse(args, errors);
        }
        catch (FormatException ex)
        {
            errors.WriteLine($"{ex.Message}\n{InteropClientOptions.Usage}");
            return BadArguments;
        }

        using var channel = InteropChannel.Create(options);
        var clients = new InteropClients(new TestService.TestServiceClient(channel), new UnimplementedService.UnimplementedServiceClient(channel));
        var passed = await InteropCaseRunner.RunAsync(InteropCaseCatalog.Select(options.TestCase), clients, output, errors);
        return passed ? Passed : Failed;
    }
}
