namespace Ipsec.Esp.Packets;

/// <summary>Why bytes are not an ICMP echo message, or <see cref="Success"/>.</summary>
public enum IcmpParseStatus
{
    Success,

    /// <summary>Shorter than the 8-byte echo header (RFC 792).</summary>
    TooShort,

    /// <summary>ICMP checksum does not verify (RFC 792).</summary>
    BadChecksum,

    /// <summary>A valid ICMP message, but not an echo or echo reply with code 0.</summary>
    NotEcho,
}
