namespace Ipsec.Esp.Encapsulation;

/// <summary>What a UDP datagram on port 4500 carries (RFC 3948 §2).</summary>
public enum UdpPayloadKind
{
    /// <summary>Too short to be anything, or an IKE marker without room for an IKE header: drop.</summary>
    Malformed,

    /// <summary>An ESP packet: the first four bytes are its non-zero SPI (RFC 3948 §2.1).</summary>
    Esp,

    /// <summary>An IKE message behind the four-byte zero non-ESP marker (RFC 3948 §2.2).</summary>
    Ike,

    /// <summary>A single 0xFF byte that only keeps a NAT mapping open; ignored on receipt (RFC 3948 §2.3).</summary>
    NatKeepalive,
}
