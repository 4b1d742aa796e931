using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>The overlays under deploy/overlays, each a node as a nation (or a developer) would deploy it.</summary>
public static class Overlays
{
    /// <summary>The development overlay: the only one with its own PostgreSQL.</summary>
    public const string Development = "dev";

    /// <summary>Every overlay's folder name, found on disk so that a new overlay is checked without a test change.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Directory.GetDirectories(RepositoryPaths.Combine("deploy", "overlays"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Every overlay, as xunit theory data.</summary>
    public static TheoryData<string> Names => [.. All];
}
