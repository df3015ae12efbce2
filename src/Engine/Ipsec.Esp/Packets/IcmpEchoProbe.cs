using System.Net;

namespace Ipsec.Esp.Packets;

/// <summary>
/// The tunnel health check's packets (PRODUCT.md §5, <c>healthCheckConfig</c>): an ICMP echo request from <c>sip</c> to
/// <c>dip</c> to send through the tunnel, and the test that a packet coming back is its reply.
/// </summary>
public static class IcmpEchoProbe
{
    /// <summary>The IPv4 packet carrying an echo request from <paramref name="sip"/> to <paramref name="dip"/>.</summary>
    public static byte[] BuildRequest(
        IPAddress sip, IPAddress dip, ushort identifier, ushort sequenceNumber, ReadOnlyMemory<byte> data = default, ushort ipIdentification = 0)
    {
        var echo = new IcmpEcho(IcmpEchoType.EchoRequest, identifier, sequenceNumber, data);
        return new Ipv4Packet(sip, dip, IpProtocol.Icmp, echo.ToBytes()) { Identification = ipIdentification }.ToBytes();
    }

    /// <summary>
    /// True when <paramref name="ipPacket"/> is a valid echo reply from <paramref name="dip"/> to <paramref name="sip"/>
    /// with the probe's identifier and sequence number. Anything else (other traffic, damaged or stale replies) is false.
    /// </summary>
    public static bool IsMatchingReply(ReadOnlySpan<byte> ipPacket, IPAddress sip, IPAddress dip, ushort identifier, ushort sequenceNumber)
    {
        if (Ipv4Packet.TryParse(ipPacket, out var packet) != Ipv4ParseStatus.Success
            || packet!.Protocol != IpProtocol.Icmp
            || !packet.Source.Equals(dip)
            || !packet.Destination.Equals(sip))
        {
            return false;
        }

        return IcmpEcho.TryParse(packet.Payload.Span, out var echo) == IcmpParseStatus.Success
            && echo!.Type == IcmpEchoType.EchoReply
            && echo.Identifier == identifier
            && echo.SequenceNumber == sequenceNumber;
    }
}
