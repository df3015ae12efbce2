using System.Buffers.Binary;

namespace Ipsec.Esp.Encapsulation;

/// <summary>
/// Framing of UDP-encapsulated ESP and IKE on port 4500 (RFC 3948 §2, RFC 7296 §2.23): one socket carries ESP packets,
/// IKE messages prefixed with the non-ESP marker, and NAT keepalives; the first bytes tell them apart.
/// </summary>
public static class UdpEncapsulation
{
    /// <summary>The NAT-T port (RFC 3948 §2, RFC 7296 §2.23).</summary>
    public const int Port = 4500;

    /// <summary>Four zero bytes where an ESP packet has its SPI, which is never zero (RFC 3948 §2.2).</summary>
    public const int NonEspMarkerLength = 4;

    /// <summary>The only byte of a NAT-keepalive packet (RFC 3948 §2.3).</summary>
    public const byte NatKeepaliveByte = 0xFF;

    /// <summary>The fixed IKE header (RFC 7296 §3.1; the ISAKMP header of RFC 2408 §3.1 has the same length).</summary>
    private const int IkeHeaderLength = 28;

    /// <summary>SPI and sequence number (RFC 4303 §2).</summary>
    private const int EspHeaderLength = 8;

    /// <summary>A NAT-keepalive datagram's payload.</summary>
    public static ReadOnlySpan<byte> NatKeepalive => [NatKeepaliveByte];

    /// <summary>Classifies the payload of a UDP datagram received on port 4500.</summary>
    public static UdpPayloadKind Classify(ReadOnlySpan<byte> udpPayload)
    {
        if (udpPayload.Length == 1 && udpPayload[0] == NatKeepaliveByte)
        {
            return UdpPayloadKind.NatKeepalive;
        }

        if (udpPayload.Length < NonEspMarkerLength)
        {
            return UdpPayloadKind.Malformed;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(udpPayload) == 0)
        {
            return udpPayload.Length >= NonEspMarkerLength + IkeHeaderLength ? UdpPayloadKind.Ike : UdpPayloadKind.Malformed;
        }

        return udpPayload.Length >= EspHeaderLength ? UdpPayloadKind.Esp : UdpPayloadKind.Malformed;
    }

    /// <summary>The IKE message behind the non-ESP marker, when <paramref name="udpPayload"/> carries one.</summary>
    public static bool TryGetIkeMessage(ReadOnlySpan<byte> udpPayload, out ReadOnlySpan<byte> ikeMessage)
    {
        if (Classify(udpPayload) != UdpPayloadKind.Ike)
        {
            ikeMessage = default;
            return false;
        }

        ikeMessage = udpPayload[NonEspMarkerLength..];
        return true;
    }

    /// <summary>Writes the non-ESP marker and <paramref name="ikeMessage"/>; returns the bytes written.</summary>
    public static int WriteIkeMessage(ReadOnlySpan<byte> ikeMessage, Span<byte> destination)
    {
        var length = NonEspMarkerLength + ikeMessage.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination must hold {length} bytes.", nameof(destination));
        }

        destination[..NonEspMarkerLength].Clear();
        ikeMessage.CopyTo(destination[NonEspMarkerLength..]);
        return length;
    }

    /// <summary>The UDP payload that sends <paramref name="ikeMessage"/> to port 4500.</summary>
    public static byte[] FrameIkeMessage(ReadOnlySpan<byte> ikeMessage)
    {
        var framed = new byte[NonEspMarkerLength + ikeMessage.Length];
        WriteIkeMessage(ikeMessage, framed);
        return framed;
    }
}
