using System.Net;
using System.Net.Sockets;
using Ike.Agent.Tests.TestSupport;

namespace Ike.Agent.Tests.EndToEnd;

/// <summary>
/// Configuration files for two agents facing each other on loopback: "west" on 127.0.0.1 protecting 10.0.0.0/24,
/// "east" on 127.0.0.2 protecting 10.1.0.0/24, each on its own free IKE and NAT-T ports (so the non-ESP marker is in
/// use on every packet, RFC 3948 §2.2, as with strongSwan on custom ports).
/// </summary>
internal sealed class LoopbackPair : IDisposable
{
    public LoopbackPair()
    {
        (WestIkePort, WestNatPort) = (FreeUdpPort("127.0.0.1"), FreeUdpPort("127.0.0.1"));
        (EastIkePort, EastNatPort) = (FreeUdpPort("127.0.0.2"), FreeUdpPort("127.0.0.2"));
        WestConfig = Directory.Write("west.json", Config("127.0.0.1", WestIkePort, WestNatPort, "127.0.0.2", EastIkePort, "10.0.0.0/24", "10.1.0.0/24", "west.lab.test", "east.lab.test"));
        EastConfig = Directory.Write("east.json", Config("127.0.0.2", EastIkePort, EastNatPort, "127.0.0.1", WestIkePort, "10.1.0.0/24", "10.0.0.0/24", "east.lab.test", "west.lab.test"));
    }

    public TempDirectory Directory { get; } = new();

    public int WestIkePort { get; }
    public int WestNatPort { get; }
    public int EastIkePort { get; }
    public int EastNatPort { get; }

    public string WestConfig { get; }

    public string EastConfig { get; }

    public string WestSocket => Directory.File("west.sock");

    public string EastSocket => Directory.File("east.sock");

    private static string Config(string address, int ikePort, int natPort, string peer, int peerPort, string local, string remote, string localId, string remoteId) => $$"""
        {
          "listen": [ { "address": "{{address}}", "ikePort": {{ikePort}}, "natPort": {{natPort}} } ],
          "connections": [
            {
              "name": "tunnel",
              "remoteAddress": "{{peer}}",
              "remotePort": {{peerPort}},
              "localSubnets": ["{{local}}"],
              "remoteSubnets": ["{{remote}}"],
              "psk": "{{Configs.Psk}}",
              "ikeConfig": { "ikeEncAlg": "aes256", "ikeAuthAlg": "sha256", "ikePfs": "group14", "localId": "{{localId}}", "remoteId": "{{remoteId}}" },
              "ipsecConfig": { "ipsecEncAlg": "aes", "ipsecAuthAlg": "sha256", "ipsecPfs": "group14" }
            }
          ]
        }
        """;

    /// <summary>A port the kernel just handed out for this address; released at once for the agent to bind.</summary>
    private static int FreeUdpPort(string address)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public void Dispose() => Directory.Dispose();
}
