namespace Ipsec.Esp.Packets;

/// <summary>IANA "Assigned Internet Protocol Numbers" used by ESP's Next Header and the IPv4 Protocol field.</summary>
public static class IpProtocol
{
    public const byte Icmp = 1;

    /// <summary>IPv4 in IPv4: the Next Header of a tunnel-mode ESP packet carrying an IPv4 packet (RFC 4303 §2.6).</summary>
    public const byte IPv4 = 4;

    public const byte Tcp = 6;

    public const byte Udp = 17;

    public const byte IPv6 = 41;

    public const byte Esp = 50;

    /// <summary>"No next header": an ESP dummy packet to be dropped by the receiver (RFC 4303 §2.6).</summary>
    public const byte NoNextHeader = 59;
}
