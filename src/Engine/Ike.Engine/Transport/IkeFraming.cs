using System.Net;
using Ike.Engine.Timing;
using Ipsec.Esp.Encapsulation;

namespace Ike.Engine.Transport;

/// <summary>What a received datagram carries.</summary>
public enum DatagramKind
{
    Ike,
    Esp,
    NatKeepalive,
    Malformed,
}

/// <summary>
/// The non-ESP marker rule (RFC 3948 §2.2, RFC 7296 §2.23): on the NAT-T port IKE messages are prefixed with four zero
/// octets so they can share the socket with ESP-in-UDP. Like strongSwan (and what charon expects on custom ports), the
/// marker is used whenever neither end uses port 500: only port 500 carries bare IKE.
/// </summary>
public static class IkeFraming
{
    public static bool UsesNonEspMarker(IPEndPoint local, IPEndPoint remote) =>
        local.Port != Rfc7296Limits.IkePort && remote.Port != Rfc7296Limits.IkePort;

    /// <summary>The UDP payload that carries <paramref name="ikeMessage"/> between these endpoints.</summary>
    public static byte[] Frame(byte[] ikeMessage, IPEndPoint local, IPEndPoint remote) =>
        UsesNonEspMarker(local, remote) ? UdpEncapsulation.FrameIkeMessage(ikeMessage) : ikeMessage;

    /// <summary>Sorts a datagram into IKE (returned without the marker), ESP, keepalive or garbage.</summary>
    public static DatagramKind Classify(IPEndPoint local, IPEndPoint remote, ReadOnlyMemory<byte> payload, out ReadOnlyMemory<byte> content)
    {
        if (!UsesNonEspMarker(local, remote))
        {
            content = payload;
            return DatagramKind.Ike;
        }

        switch (UdpEncapsulation.Classify(payload.Span))
        {
            case UdpPayloadKind.Ike:
                content = payload[UdpEncapsulation.NonEspMarkerLength..];
                return DatagramKind.Ike;
            case UdpPayloadKind.Esp:
                content = payload;
                return DatagramKind.Esp;
            case UdpPayloadKind.NatKeepalive:
                content = default;
                return DatagramKind.NatKeepalive;
            default:
                content = default;
                return DatagramKind.Malformed;
        }
    }
}
