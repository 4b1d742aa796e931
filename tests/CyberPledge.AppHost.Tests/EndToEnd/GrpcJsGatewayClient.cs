using System.Text.Json;
using CyberPledge.Testing;

namespace CyberPledge.AppHost.Tests.EndToEnd;

/// <summary>
/// A gRPC client that is not ours: grpc-js under Node.js (js/gateway-call.js), given nothing but the connection file,
/// a node and a role. Each call is one short node process; the answer comes back as JSON.
/// </summary>
public sealed class GrpcJsGatewayClient(string connectionFile)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Calls <paramref name="method"/> (e.g. <c>cyberpledge.v1.Indicators/Submit</c>) at the node; fails on a non-OK status.</summary>
    public async Task<JsonElement> CallAsync(string nation, string role, string method, object request)
    {
        var modules = RepositoryPaths.Combine("tests", "Interop", "js", "node_modules");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"{modules} is missing: run npm ci in tests/Interop/js before these tests.");
        }
        var script = RepositoryPaths.Combine("tests", "CyberPledge.AppHost.Tests", "js", "gateway-call.js");
        await using var node = ChildProcess.Start("node", [script, connectionFile, nation, role, method, JsonSerializer.Serialize(request)],
            environment: new Dictionary<string, string?> { ["NODE_PATH"] = modules });
        var exitCode = await node.WaitForExitAsync(CallTimeout);
        var lastLine = node.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"grpc-js {method} at {nation} printed nothing (exit {exitCode}): {node.Output}");
        var answer = JsonDocument.Parse(lastLine).RootElement.Clone();
        return exitCode == 0 ? answer : throw new InvalidOperationException($"grpc-js {method} at {nation} as {role} failed: {lastLine}");
    }

    /// <summary>The latest versions at <paramref name="nation"/> whose value is <paramref name="value"/>, revoked ones too.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string nation, string value)
    {
        var answer = await CallAsync(nation, "analyst", "cyberpledge.v1.Indicators/Query", new { value, includeRevoked = true });
        return [.. answer.GetProperty("indicators").EnumerateArray()];
    }

    /// <summary>Waits until <paramref name="value"/> is at <paramref name="nation"/>; returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string nation, string value, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = await QueryAsync(nation, value);
            if (found.Count > 0)
            {
                return found[0];
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{value} did not arrive at {nation} within {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
