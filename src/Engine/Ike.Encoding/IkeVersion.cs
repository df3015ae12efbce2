using System.Buffers.Binary;

namespace Ike.Encoding;

/// <summary>IKE major versions: 1 is ISAKMP/IKEv1 (RFC 2408/2409), 2 is IKEv2 (RFC 7296).</summary>
public enum IkeVersion : byte
{
    V1 = 1,
    V2 = 2,
}

/// <summary>Tells which version's codec a datagram belongs to before either codec parses it.</summary>
public static class IkeVersionProbe
{
    // The ISAKMP header (RFC 2408 §3.1) and the IKEv2 header (RFC 7296 §3.1) share their first 28 octets'
    // layout: two 8-octet SPIs, next payload, then the version octet with the major version in the high nibble.
    private const int VersionOffset = 17;

    /// <summary>The major version nibble of the header, or false when the datagram is shorter than the version octet.</summary>
    public static bool TryPeekMajorVersion(ReadOnlySpan<byte> datagram, out byte majorVersion)
    {
        if (datagram.Length <= VersionOffset)
        {
            majorVersion = 0;
            return false;
        }

        majorVersion = (byte)(datagram[VersionOffset] >> 4);
        return true;
    }

    /// <summary>The responder SPI (octets 8..15), which tells a responder whether the datagram opens a new SA.</summary>
    public static bool TryPeekResponderSpi(ReadOnlySpan<byte> datagram, out ulong responderSpi)
    {
        if (datagram.Length < 16)
        {
            responderSpi = 0;
            return false;
        }

        responderSpi = BinaryPrimitives.ReadUInt64BigEndian(datagram[8..]);
        return true;
    }
}
