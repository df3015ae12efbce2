using System.Net;
using System.Net.Sockets;

namespace Ipsec.ControlPlane.Tests.Fixtures;

/// <summary>Ports the operating system just handed out (bound, then released), for engines and runtimes under test.</summary>
static class FreePorts
{
    public static int Udp(string address = "127.0.0.1")
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
