namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>Where the tests find the repository's files.</summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "CyberPledge.Mesh.sln";

    private static readonly Lazy<string> RootValue = new(FindRoot);

    /// <summary>The folder holding CyberPledge.Mesh.sln, found by walking up from the test binaries.</summary>
    public static string Root => RootValue.Value;

    /// <summary>tests/Interop/js: the grpc-js interop peer.</summary>
    public static string GrpcJsDirectory => Path.Combine(Root, "tests", "Interop", "js");

    /// <summary>tests/Interop/python: the gRPC C-core (python3-grpcio) interop peer.</summary>
    public static string PythonGrpcDirectory => Path.Combine(Root, "tests", "Interop", "python");

    /// <summary>Fails with what to do when the grpc-js dependencies are not installed.</summary>
    public static string RequireGrpcJs()
    {
        var directory = GrpcJsDirectory;
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"tests/Interop/js/node_modules is missing: run npm ci in tests/Interop/js ({directory}) before these tests.");
        }
        return directory;
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
