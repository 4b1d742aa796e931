// AppHost: a whole local federation with one command (docs/apphost.md). `dotnet run --project AppHost -- --help`.
using System.CommandLine;
using CyberPledge.AppHost;
using CyberPledge.AppHost.Hosting;

var runDirectory = new Option<string>("--run-dir") { Description = "The run directory (made on first use, reused after)", DefaultValueFactory = _ => ".run", HelpName = "DIR" };
var topology = new Option<string?>("--topology") { Description = "default, 8, 32 or a topology file [default: the run directory's, else default]", HelpName = "NAME|FILE" };
var demo = new Option<bool>("--demo") { Description = "Feed realistic traffic into the federation once it is up" };
var plain = new Option<bool>("--plain") { Description = "Prefixed log lines and a status line instead of the live table" };
var root = new RootCommand("CyberPledge AppHost: starts, wires, watches and stops a local federation of nodes (development only).")
{
    runDirectory, topology, demo, plain,
};
root.SetAction((parsed, cancellationToken) => FederationHost.RunAsync(new AppHostOptions
{
    RunDirectory = parsed.GetValue(runDirectory)!,
    Topology = parsed.GetValue(topology),
    Demo = parsed.GetValue(demo),
    Plain = parsed.GetValue(plain),
}, cancellationToken));
// AppHost handles Ctrl+C and SIGTERM itself: stopping sixteen processes cleanly takes longer than the library waits.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
