namespace CyberPledge.Benchmarks.Infrastructure;

/// <summary>Where things are in the checkout the benchmark runs from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string InteropServerDll(string configuration) =>
        Path.Combine(Root, "tests", "Interop", "InteropServer", "bin", configuration, "net10.0", "CyberPledge.InteropServer.dll");

    public static string CppBenchDir => Path.Combine(Root, "tests", "Benchmarks", "cpp");

    public static string JsInteropDir => Path.Combine(Root, "tests", "Interop", "js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CyberPledge.Mesh.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CyberPledge.Mesh.sln not found above " + AppContext.BaseDirectory);
    }
}
