namespace Ipsec.Esp.Packets;

/// <summary>ICMP message types of the echo exchange (RFC 792).</summary>
public enum IcmpEchoType : byte
{
    EchoReply = 0,
    EchoRequest = 8,
}
