using System.Text.Json;
using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>
/// Offline validation against the Kubernetes API schemas: js/validate.mjs with the npm package kubernetes-models
/// 5.1.0 (tests/run.sh installs it from js/package-lock.json with npm ci).
/// </summary>
public static class KubernetesSchemas
{
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Validates every object of <paramref name="yaml"/>: the number that passed and the problems found.</summary>
    public static async Task<(int Validated, IReadOnlyList<string> Errors)> ValidateAsync(string yaml)
    {
        var folder = RepositoryPaths.Combine("tests", "CyberPledge.Deploy.Tests", "js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException($"{folder}/node_modules is missing: run bash tests/run.sh (it runs npm ci there).");
        }

        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "manifests.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await using var node = ChildProcess.Start("node", [Path.Combine(folder, "validate.mjs"), file], folder);
        var exitCode = await node.WaitForExitAsync(ValidateTimeout);
        var line = node.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"validate.mjs printed nothing (exit {exitCode}): {node.Output}");
        using var answer = JsonDocument.Parse(line);
        var errors = answer.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        if (exitCode is not (0 or 1) || (exitCode == 1) != (errors.Count > 0))
        {
            throw new InvalidOperationException($"validate.mjs exited with {exitCode}: {node.Output}");
        }

        return (answer.RootElement.GetProperty("validated").GetInt32(), errors);
    }
}
