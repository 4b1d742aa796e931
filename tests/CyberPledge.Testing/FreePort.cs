using System.Net;
using System.Net.Sockets;

namespace CyberPledge.Testing;

/// <summary>Loopback ports for servers that must be told their port up front.</summary>
public static class FreePort
{
    /// <summary>A 127.0.0.1 port nobody listens on: free when asked, so the caller binds it soon after.</summary>
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
