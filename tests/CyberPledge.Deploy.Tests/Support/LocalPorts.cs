using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>
/// The cluster's addresses on this machine: each Deployment's container ports get a free loopback port, and a URL
/// that names a pod's own address (0.0.0.0) or a Service of the overlay is rewritten to the loopback port behind it.
/// </summary>
public sealed partial class LocalPorts(RenderedOverlay overlay)
{
    private readonly Dictionary<(string Deployment, int Port), int> _ports = [];

    /// <summary>The loopback port standing for <paramref name="deployment"/>'s container port <paramref name="port"/>.</summary>
    public int Of(string deployment, int port)
    {
        lock (_ports)
        {
            if (!_ports.TryGetValue((deployment, port), out var local))
            {
                local = FreePort.Loopback();
                _ports[(deployment, port)] = local;
            }

            return local;
        }
    }

    /// <summary>A container port given as a number or by name in <paramref name="deployment"/>'s containers.</summary>
    public int ContainerPort(string deployment, JsonNode port)
    {
        if (port.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return port.GetValue<int>();
        }

        var name = port.GetValue<string>();
        return overlay.Get("Deployment", deployment)["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .SelectMany(container => container!["ports"]?.AsArray() ?? [])
            .Where(p => (string?)p!["name"] == name)
            .Select(p => p!["containerPort"]!.GetValue<int>())
            .Single();
    }

    /// <summary><paramref name="value"/> with every http(s) URL of the pod itself or of a Service pointed at loopback.</summary>
    public string Rewrite(string deployment, string value) => Url().Replace(value, match =>
    {
        var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var host = match.Groups["host"].Value;
        var target = host == "0.0.0.0" ? (deployment, port) : ServiceTarget(host.Split('.')[0], port);
        return target is { } found ? $"{match.Groups["scheme"].Value}://127.0.0.1:{Of(found.Item1, found.Item2)}" : match.Value;
    });

    // The Deployment and container port behind port <port> of Service <name>, or null when no Service has that name.
    private (string, int)? ServiceTarget(string name, int port)
    {
        var service = overlay.OfKind("Service").SingleOrDefault(s => RenderedOverlay.NameOf(s) == name);
        if (service is null)
        {
            return null;
        }

        var selector = service["spec"]!["selector"]!.AsObject();
        var deployment = overlay.OfKind("Deployment").Single(d => selector.All(label =>
            (string?)d["spec"]!["template"]!["metadata"]!["labels"]![label.Key] == (string?)label.Value));
        var deploymentName = RenderedOverlay.NameOf(deployment);
        var servicePort = service["spec"]!["ports"]!.AsArray().Single(p => p!["port"]!.GetValue<int>() == port)!;
        return (deploymentName, ContainerPort(deploymentName, servicePort["targetPort"] ?? servicePort["port"]!));
    }

    [GeneratedRegex(@"(?<scheme>https?)://(?<host>[A-Za-z0-9.-]+):(?<port>\d+)")]
    private static partial Regex Url();
}
