using CyberPledge.AppHost.Run;
using CyberPledge.AppHost.Topology;

namespace CyberPledge.AppHost.Hosting;

/// <summary>
/// Which topology a run uses: the first run copies the one asked for (default: <c>default</c>) into the run directory,
/// and later runs resume that one. Asking a run directory for another topology is refused rather than mixing two
/// federations' stores.
/// </summary>
internal static class TopologyChoice
{
    public static FederationTopology Load(RunDirectory run, string? asked)
    {
        if (File.Exists(run.TopologyFile))
        {
            if (asked is not null && File.ReadAllText(TopologyFile.Resolve(asked)) != File.ReadAllText(run.TopologyFile))
            {
                throw new TopologyException(
                    $"{run.Root} holds another federation ({run.TopologyFile}); leave out --topology to resume it, or give another --run-dir");
            }
            return TopologyFile.Load(run.TopologyFile);
        }

        var path = TopologyFile.Resolve(asked ?? "default");
        var topology = TopologyFile.Load(path);
        File.Copy(path, run.TopologyFile);
        return topology;
    }
}
