using CyberPledge.InteropClient.Cases;
using Grpc.Core;

namespace CyberPledge.InteropClient;

/// <summary>Runs cases one after another and reports each as <c>PASS name</c> or <c>FAIL name: reason</c>.</summary>
internal static class InteropCaseRunner
{
    /// <summary>A watchdog: a case that hangs fails instead of holding the process forever.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True when every case passed. Passes go to <paramref name="output"/>, failures to <paramref name="errors"/>.</summary>
    public static async Task<bool> RunAsync(IEnumerable<IInteropCase> cases, InteropClients clients, TextWriter output, TextWriter errors)
    {
        var allPassed = true;
        foreach (var testCase in cases)
        {
            var failure = await RunOneAsync(testCase, clients);
            if (failure is null)
            {
                output.WriteLine($"PASS {testCase.Name}");
            }
            else
            {
                errors.WriteLine($"FAIL {testCase.Name}: {failure}");
                allPassed = false;
            }
        }
        return allPassed;
    }

    /// <summary>The reason the case failed, or null when it passed.</summary>
    private static async Task<string?> RunOneAsync(IInteropCase testCase, InteropClients clients)
    {
        try
        {
            await testCase.RunAsync(clients).WaitAsync(CaseTimeout);
            return null;
        }
        catch (InteropAssertionException ex)
        {
            return ex.Message;
        }
        catch (RpcException ex)
        {
            return $"unexpected call failure: {ex.Status}";
        }
        catch (TimeoutException)
        {
            return $"did not finish within {CaseTimeout.TotalSeconds:0} s";
        }
        catch (Exception ex)
        {
            return $"unexpected {ex}";
        }
    }
}
