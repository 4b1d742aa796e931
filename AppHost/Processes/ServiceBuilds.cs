namespace CyberPledge.AppHost.Processes;

/// <summary>
/// Where the services' build output is: AppHost's project references build them in its own configuration, so from
/// AppHost/bin/CONFIGURATION/FRAMEWORK the service is services/NAME/bin/CONFIGURATION/FRAMEWORK. (The same walk as the
/// tests' RepositoryPaths, which AppHost may not reference.)
/// </summary>
internal static class ServiceBuilds
{
    private const string SolutionFile = "CyberPledge.Mesh.sln";

    /// <summary>The service's assembly, checked to exist.</summary>
    /// <exception cref="FileNotFoundException">It was not built (the message says how to build it).</exception>
    public static string Assembly(ServiceKind kind)
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent?.Name ?? "Debug";
        var (project, assembly) = kind.Build();
        var path = Path.Combine(RepositoryRoot(), project, "bin", configuration, output.Name, assembly);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build it with `dotnet build -c {configuration} {project}` (`dotnet run --project AppHost` builds it)", path);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: run AppHost from its build output in the repository.");
    }
}
