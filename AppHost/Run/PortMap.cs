using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CyberPledge.AppHost.Processes;

namespace CyberPledge.AppHost.Run;

/// <summary>
/// The loopback port of every service, chosen free at the first run and kept in ports.json: peers register each
/// other's gateway address, so a gateway keeps its port across restarts and runs.
/// </summary>
internal sealed class PortMap
{
    private const int FirstPort = 17100;

    private readonly Dictionary<string, Dictionary<ServiceKind, int>> _ports;

    private PortMap(Dictionary<string, Dictionary<ServiceKind, int>> ports) => _ports = ports;

    public int this[string nation, ServiceKind service] => _ports[nation][service];

    /// <summary>The ports of the file, with new free ones for the nodes it does not list yet (saved at once).</summary>
    public static PortMap LoadOrAssign(string file, IEnumerable<string> nations)
    {
        var ports = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, Dictionary<ServiceKind, int>>>(File.ReadAllText(file)) ?? []
            : [];
        var changed = false;
        foreach (var nation in nations)
        {
            if (ports.TryGetValue(nation, out var known) && Enum.GetValues<ServiceKind>().All(known.ContainsKey))
            {
                continue;
            }
            var taken = ports.Values.SelectMany(p => p.Values).ToHashSet();
            ports[nation] = Enum.GetValues<ServiceKind>().ToDictionary(kind => kind, _ => NextFreePort(taken));
            changed = true;
        }
        if (changed)
        {
            File.WriteAllText(file, JsonSerializer.Serialize(ports, new JsonSerializerOptions { WriteIndented = true }));
        }
        return new PortMap(ports);
    }

    /// <summary>The ports already taken by another program, which a resumed run cannot use.</summary>
    public IEnumerable<string> Busy() =>
        from node in _ports
        from service in node.Value
        where !IsFree(service.Value)
        select $"{node.Key} {service.Key.Name()} 127.0.0.1:{service.Value}";

    // Below Linux's ephemeral range (32768-60999): a port handed out there may be some client's local port by the
    // next run, and a resumed run needs the same ports again.
    private static int NextFreePort(HashSet<int> taken)
    {
        for (var port = FirstPort; port < 32768; port++)
        {
            if (!taken.Contains(port) && IsFree(port))
            {
                taken.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free loopback port between {FirstPort} and 32767");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
