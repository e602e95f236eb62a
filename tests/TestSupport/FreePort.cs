using System.Net;
using System.Net.Sockets;

namespace CommandCenter.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1: bind to port 0, read the port, release it.</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary><paramref name="count"/> distinct free ports.</summary>
    public static int[] Distinct(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count) ports.Add(Next());
        return ports.ToArray();
    }
}
