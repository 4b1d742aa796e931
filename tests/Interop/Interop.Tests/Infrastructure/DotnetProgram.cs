namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>Our interop programs run as real processes, from the copies built beside the tests.</summary>
internal static class DotnetProgram
{
    public const string Server = "CyberPledge.InteropServer";
    public const string Client = "CyberPledge.InteropClient";

    public static ChildProcess Start(string assemblyName, params string[] arguments)
    {
        // The SDK tells a test host where its dotnet is; elsewhere it is on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var assembly = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        return ChildProcess.Start(dotnet, AppContext.BaseDirectory, [assembly, .. arguments]);
    }
}
