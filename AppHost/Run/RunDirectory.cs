using CyberPledge.ServiceDefaults.Certificates;

namespace CyberPledge.AppHost.Run;

/// <summary>
/// Everything a federation run keeps between runs (docs/apphost.md): the topology it was made for, the ports, each
/// node's development CA, certificates and keys, the services' stores and logs, and the connection file. A second run
/// on the same directory reuses all of it. Held by one AppHost at a time.
/// </summary>
internal sealed class RunDirectory : IDisposable
{
    public const string DefaultPath = ".run";

    private const string Warning =
        "DEVELOPMENT MATERIAL made by CyberPledge AppHost at run time: development CAs, node certificates, internal\n" +
        "keys, development identity providers and the tokens they mint. Never use any of it outside a local run.\n";

    private readonly FileStream _lock;

    private RunDirectory(string root, FileStream lockFile)
    {
        Root = root;
        _lock = lockFile;
    }

    public string Root { get; }

    /// <summary>The topology file as the first run read it.</summary>
    public string TopologyFile => Path.Combine(Root, "topology.json");

    public string PortsFile => Path.Combine(Root, "ports.json");

    /// <summary>The connection file for clients: gateways, CA certificates and development tokens per node.</summary>
    public string ConnectionFile => Path.Combine(Root, "connection.json");

    /// <summary>The services' process ids, so tests and scripts can find (and kill) one.</summary>
    public string ProcessesFile => Path.Combine(Root, "processes.json");

    public string LogDirectory => Path.Combine(Root, "logs");

    /// <summary>Opens (making on first use) the run directory and takes its lock.</summary>
    /// <exception cref="InvalidOperationException">Another AppHost runs on it.</exception>
    public static RunDirectory Open(string path)
    {
        var root = Path.GetFullPath(path);
        OwnerOnlyFiles.EnsureDirectory(root);
        // Should it sit inside a working tree (./.run is the default), git ignores all of it.
        WriteIfMissing(Path.Combine(root, ".gitignore"), "*\n");
        WriteIfMissing(Path.Combine(root, "DEVELOPMENT-MATERIAL.txt"), Warning);
        Directory.CreateDirectory(Path.Combine(root, "logs"));
        try
        {
            var lockFile = new FileStream(Path.Combine(root, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new RunDirectory(root, lockFile);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"{root} is in use by another AppHost (apphost.lock); stop it or give another --run-dir", e);
        }
    }

    /// <summary>The folder of one node's material and stores.</summary>
    public string NodeDirectory(string nation) => Path.Combine(Root, nation);

    public void Dispose() => _lock.Dispose();

    private static void WriteIfMissing(string path, string text)
    {
        if (!File.Exists(path))
        {
            File.WriteAllText(path, text);
        }
    }
}
