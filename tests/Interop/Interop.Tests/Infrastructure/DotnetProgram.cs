using System.Reflection;
using CyberPledge.Testing;

namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>Our interop programs run as real processes, each from its own build output.</summary>
internal static class DotnetProgram
{
    public const string Server = "CyberPledge.InteropServer";
    public const string Client = "CyberPledge.InteropClient";

    public static ChildProcess Start(string assemblyName, params string[] arguments) =>
        ChildProcess.StartDotnet(OutputPath(assemblyName), arguments);

    /// <summary>The program's own build output, recorded at build time by the test project (RecordInteropProgramPaths).</summary>
    private static string OutputPath(string assemblyName) =>
        typeof(DotnetProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == assemblyName)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no recorded path for {assemblyName}.");
}
