using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>
/// A rendered Deployment's container as a process on this machine: its command and arguments, its environment with
/// ConfigMap and Secret references resolved (Secrets from <see cref="DevelopmentSecrets"/>), its volumes as
/// folders (Secret items written as files), the image's /app as the service's build output, and its pod and Service
/// addresses on loopback ports. Its gRPC probes say where its health is asked.
/// </summary>
public sealed partial record LocalContainer(
    string Deployment,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<(string Probe, int Port, string Service)> GrpcProbes,
    IReadOnlyList<string> ReadOnlyFolders)
{
    /// <summary>
    /// What the process added to the folders of its read-only mounts (a real pod could not have written it): the
    /// service must write only where the manifest gives it a writable volume.
    /// </summary>
    public IEnumerable<string> WrittenToReadOnlyMounts() => ReadOnlyFolders.SelectMany(folder =>
        Directory.EnumerateFileSystemEntries(folder).Where(entry => !_prepared.Contains(entry) || File.GetLastWriteTimeUtc(entry) > _preparedAt));

    private readonly DateTime _preparedAt = DateTime.UtcNow;
    private readonly HashSet<string> _prepared = [.. ReadOnlyFolders.SelectMany(Directory.EnumerateFileSystemEntries)];

    /// <summary>Prepares <paramref name="deployment"/>'s only container, its files under <paramref name="root"/>.</summary>
    public static LocalContainer FromDeployment(RenderedOverlay overlay, string deployment, DevelopmentSecrets secrets, LocalPorts ports, string root)
    {
        var pod = overlay.Get("Deployment", deployment)["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;
        var folders = MountFolders(overlay, pod, container, secrets, Path.Combine(root, deployment));
        var readOnly = (container["volumeMounts"]?.AsArray() ?? []).Where(m => (bool?)m!["readOnly"] == true)
            .Select(m => folders[(string)m!["mountPath"]!]).ToList();
        folders["/app"] = ServiceBuildOutput((string)container["image"]!);

        var environment = ResolveEnvironment(overlay, container, secrets);
        string Local(string value) => ports.Rewrite(deployment, MapPaths(Expand(value, environment), folders));
        var localEnvironment = environment.ToDictionary(pair => pair.Key, pair => (string?)Local(pair.Value), StringComparer.Ordinal);
        // The test runner's own environment must not choose the service's environment for it.
        localEnvironment.TryAdd("ASPNETCORE_ENVIRONMENT", null);
        localEnvironment.TryAdd("DOTNET_ENVIRONMENT", null);

        var command = container["command"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal("dotnet", command[0]);
        var arguments = command.Skip(1).Concat(container["args"]?.AsArray().Select(a => (string)a!) ?? []).Select(Local).ToList();
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        var probes = new[] { "startupProbe", "readinessProbe", "livenessProbe" }
            .Where(name => container[name]?["grpc"] is not null)
            .Select(name => (name, ports.Of(deployment, ports.ContainerPort(deployment, container[name]!["grpc"]!["port"]!)),
                (string?)container[name]!["grpc"]!["service"] ?? ""))
            .ToList();
        return new LocalContainer(deployment, dotnet, arguments, localEnvironment, probes, readOnly);
    }

    /// <summary>Starts the process (the caller disposes it, which kills it).</summary>
    public ChildProcess Start() => ChildProcess.Start(FileName, Arguments, environment: Environment);

    // The image's /app: the service's build output in this test run's configuration (its dotnet publish equivalent).
    private static string ServiceBuildOutput(string image)
    {
        var repository = image.Split(':')[0];
        var name = repository[(repository.LastIndexOf('/') + 1)..];
        var project = char.ToUpperInvariant(name[0]) + name[1..];
        return Path.GetDirectoryName(RepositoryPaths.BuildOutput(Path.Combine("services", project), $"CyberPledge.{project}.dll"))!;
    }

    private static Dictionary<string, string> MountFolders(RenderedOverlay overlay, JsonNode pod, JsonNode container, DevelopmentSecrets secrets, string root)
    {
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in container["volumeMounts"]?.AsArray() ?? [])
        {
            var name = (string)mount!["name"]!;
            var volume = pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == name)!;
            var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
            if (volume["secret"] is { } secret)
            {
                foreach (var item in secret["items"]?.AsArray() ?? throw new InvalidOperationException($"{name}: a Secret volume must list its items"))
                {
                    File.WriteAllText(Path.Combine(folder, (string)item!["path"]!), secrets.Value((string)secret["secretName"]!, (string)item["key"]!));
                }
            }
            else if (volume["configMap"] is { } configMap)
            {
                foreach (var (key, value) in ConfigMapData(overlay, (string)configMap["name"]!))
                {
                    File.WriteAllText(Path.Combine(folder, key), value);
                }
            }

            folders[(string)mount["mountPath"]!] = folder;
        }

        return folders;
    }

    // As the kubelet does: envFrom first, then env, each value from a literal, a ConfigMap key or a Secret key.
    private static Dictionary<string, string> ResolveEnvironment(RenderedOverlay overlay, JsonNode container, DevelopmentSecrets secrets)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            foreach (var (key, value) in ConfigMapData(overlay, (string)source!["configMapRef"]!["name"]!))
            {
                environment[key] = value;
            }
        }

        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var name = (string)variable!["name"]!;
            environment[name] = variable["valueFrom"] switch
            {
                null => Expand((string?)variable["value"] ?? "", environment),
                { } from when from["configMapKeyRef"] is { } reference => ConfigMapData(overlay, (string)reference["name"]!)[(string)reference["key"]!],
                { } from when from["secretKeyRef"] is { } reference => secrets.Value((string)reference["name"]!, (string)reference["key"]!),
                _ => throw new InvalidOperationException($"{name}: an unsupported valueFrom"),
            };
        }

        return environment;
    }

    private static Dictionary<string, string> ConfigMapData(RenderedOverlay overlay, string name) =>
        overlay.Get("ConfigMap", name)["data"]!.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!, StringComparer.Ordinal);

    // Kubernetes' $(VAR) references in arguments and values (a name it does not know stays as written).
    private static string Expand(string value, IReadOnlyDictionary<string, string> environment) =>
        Reference().Replace(value, match => environment.TryGetValue(match.Groups["name"].Value, out var found) ? found : match.Value);

    // A path below a mount point (the whole value, or after a switch's "="), moved to that mount's folder in one pass,
    // so that a folder made under a mounted path (/tmp) is not moved again.
    private static string MapPaths(string value, IReadOnlyDictionary<string, string> folders)
    {
        var mountPaths = string.Join('|', folders.Keys.OrderByDescending(path => path.Length).Select(Regex.Escape));
        return Regex.Replace(value, $"(?<=^|=)(?<mount>{mountPaths})(?=/|$)", match => folders[match.Groups["mount"].Value]);
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
