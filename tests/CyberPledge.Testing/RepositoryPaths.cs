namespace CyberPledge.Testing;

/// <summary>Where tests and benchmarks find the checkout's files and the other projects' build output.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "CyberPledge.Mesh.sln";

    private static readonly Lazy<string> RootValue = new(FindRoot);

    /// <summary>The folder holding CyberPledge.Mesh.sln, found by walking up from the running program's binaries.</summary>
    public static string Root => RootValue.Value;

    /// <summary>A path below <see cref="Root"/>, e.g. <c>Combine("tests", "Interop", "js")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// A file in another project's build output in the running program's configuration and framework
    /// (bin/CONFIGURATION/FRAMEWORK), e.g. <c>BuildOutput("services/Indicators", "CyberPledge.Indicators.dll")</c>.
    /// </summary>
    /// <param name="projectDirectory">The project's folder relative to <see cref="Root"/>.</param>
    /// <param name="fileName">The file in its output folder.</param>
    public static string BuildOutput(string projectDirectory, string fileName)
    {
        // The running program's own output folder is bin/CONFIGURATION/FRAMEWORK too.
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent?.Name ?? throw new InvalidOperationException($"{AppContext.BaseDirectory} is not a build output folder.");
        return Path.Combine(Root, projectDirectory, "bin", configuration, output.Name, fileName);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
