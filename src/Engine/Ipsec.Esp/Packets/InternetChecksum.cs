using System.Buffers.Binary;

namespace Ipsec.Esp.Packets;

/// <summary>
/// The Internet checksum of IPv4 headers and ICMP (RFC 791 §3.1, RFC 792): the 16-bit one's complement of the one's
/// complement sum of the data as 16-bit big-endian words, an odd last byte padded with zero (RFC 1071 §1).
/// </summary>
public static class InternetChecksum
{
    /// <summary>The checksum to store, computed with the checksum field itself set to zero.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Sum(data);

    /// <summary>True when <paramref name="data"/>, its checksum field included, sums to 0xFFFF (RFC 1071 §1 (2)).</summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Sum(data) == 0xFFFF;

    private static ushort Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        // Fold the carries back in (end-around carry).
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }
}
