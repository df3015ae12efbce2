using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Ipsec.Esp.Packets;

/// <summary>
/// An IPv4 packet (RFC 791 §3.1) as the tunnel carries it: built without options, parsed with options skipped.
/// <code>
///  0                   1                   2                   3
/// |Version|  IHL  |Type of Service|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// </code>
/// </summary>
public sealed record Ipv4Packet
{
    public const int MinimumHeaderLength = 20;

    private const ushort DontFragmentFlag = 0x4000;
    private const ushort MoreFragmentsFlag = 0x2000;
    private const ushort FragmentOffsetMask = 0x1FFF;

    public Ipv4Packet(IPAddress source, IPAddress destination, byte protocol, ReadOnlyMemory<byte> payload)
    {
        RequireIpv4(source, nameof(source));
        RequireIpv4(destination, nameof(destination));
        if (payload.Length > ushort.MaxValue - MinimumHeaderLength)
        {
            throw new ArgumentException("Payload does not fit in one IPv4 packet.", nameof(payload));
        }

        Source = source;
        Destination = destination;
        Protocol = protocol;
        Payload = payload;
    }

    public IPAddress Source { get; }

    public IPAddress Destination { get; }

    public byte Protocol { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public byte TimeToLive { get; init; } = 64;

    public ushort Identification { get; init; }

    public byte TypeOfService { get; init; }

    public bool DontFragment { get; init; }

    public int TotalLength => MinimumHeaderLength + Payload.Length;

    /// <summary>The packet on the wire: a 20-byte header with its checksum, then the payload.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[TotalLength];
        var header = bytes.AsSpan(0, MinimumHeaderLength);
        header[0] = 0x45; // version 4, IHL 5 words
        header[1] = TypeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], Identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], DontFragment ? DontFragmentFlag : (ushort)0);
        header[8] = TimeToLive;
        header[9] = Protocol;
        Source.TryWriteBytes(header[12..16], out _);
        Destination.TryWriteBytes(header[16..20], out _);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        Payload.Span.CopyTo(bytes.AsSpan(MinimumHeaderLength));
        return bytes;
    }

    /// <summary>Parses one IPv4 packet; bytes after Total Length (link padding) are ignored, the payload is copied.</summary>
    public static Ipv4ParseStatus TryParse(ReadOnlySpan<byte> data, out Ipv4Packet? packet)
    {
        packet = null;
        if (data.Length < MinimumHeaderLength)
        {
            return Ipv4ParseStatus.TooShort;
        }

        if (data[0] >> 4 != 4)
        {
            return Ipv4ParseStatus.NotIpv4;
        }

        var headerLength = (data[0] & 0x0F) * 4;
        if (headerLength < MinimumHeaderLength)
        {
            return Ipv4ParseStatus.BadHeaderLength;
        }

        if (data.Length < headerLength)
        {
            return Ipv4ParseStatus.TooShort;
        }

        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (totalLength < headerLength || totalLength > data.Length)
        {
            return Ipv4ParseStatus.BadTotalLength;
        }

        if (!InternetChecksum.IsValid(data[..headerLength]))
        {
            return Ipv4ParseStatus.BadChecksum;
        }

        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        if ((flagsAndOffset & (MoreFragmentsFlag | FragmentOffsetMask)) != 0)
        {
            return Ipv4ParseStatus.Fragment;
        }

        packet = new Ipv4Packet(new IPAddress(data[12..16]), new IPAddress(data[16..20]), data[9], data[headerLength..totalLength].ToArray())
        {
            TypeOfService = data[1],
            Identification = BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
            DontFragment = (flagsAndOffset & DontFragmentFlag) != 0,
            TimeToLive = data[8],
        };
        return Ipv4ParseStatus.Success;
    }

    private static void RequireIpv4(IPAddress address, string name)
    {
        ArgumentNullException.ThrowIfNull(address, name);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", name);
        }
    }
}
