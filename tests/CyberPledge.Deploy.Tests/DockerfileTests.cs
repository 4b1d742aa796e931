using System.Text.Json;
using System.Text.RegularExpressions;
using CyberPledge.Deploy.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests;

/// <summary>
/// deploy/docker: one multi-stage Dockerfile per service whose entry point is the command the Deployments give
/// and whose user is the one they run as. (No container runtime here: the images themselves are not built.)
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [InlineData("Indicators")]
    [InlineData("Partners")]
    [InlineData("Federation")]
    [InlineData("Gateway")]
    public async Task Dockerfile_Service_MatchesTheDeploymentsCommandAndUser(string service)
    {
        var text = await File.ReadAllTextAsync(RepositoryPaths.Combine("deploy", "docker", service + ".Dockerfile"));
        var stages = FromLine().Matches(text).Select(m => m.Groups["image"].Value).ToList();
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], stages);
        var entryPoint = JsonSerializer.Deserialize<string[]>(EntryPointLine().Match(text).Groups["json"].Value);
        var user = UserLine().Match(text).Groups["uid"].Value;
        Assert.DoesNotMatch("(?im)^(ARG|ENV)\\s+\\S*(PASSWORD|SECRET|TOKEN|KEY)", text);

        foreach (var overlay in Overlays.All)
        {
            var container = (await Kustomize.RenderAsync(overlay)).Get("Deployment", service.ToLowerInvariant())["spec"]!["template"]!["spec"]!["containers"]![0]!;
            Assert.Equal(entryPoint, container["command"]!.AsArray().Select(c => (string?)c));
            Assert.Equal(user, container["securityContext"]!["runAsUser"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"(?m)^FROM\s+(?<image>\S+)")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"(?m)^ENTRYPOINT\s+(?<json>\[.*\])\s*$")]
    private static partial Regex EntryPointLine();

    [GeneratedRegex(@"(?m)^USER\s+(?<uid>[0-9]+)(:[0-9]+)?\s*$")]
    private static partial Regex UserLine();
}
