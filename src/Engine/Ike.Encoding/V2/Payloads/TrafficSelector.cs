using System.Net;
using System.Net.Sockets;

namespace Ike.Encoding.V2.Payloads;

/// <summary>One traffic selector: an address range, a port range and an IP protocol.</summary>
/// <remarks>
/// RFC 7296 §3.13.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   TS Type     |IP Protocol ID*|       Selector Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           Start Port*         |           End Port*           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Starting Address*                     ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Ending Address*                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// TS_IPV4_ADDR_RANGE (7): four-octet addresses, Selector Length 16. TS_IPV6_ADDR_RANGE (8): sixteen-octet
/// addresses, Selector Length 40. IP Protocol ID 0 means any protocol; ports 0..65535 mean any port, and
/// Start Port 65535 with End Port 0 means OPAQUE ports (§3.13.1), the one allowed inverted port range.
/// </remarks>
public sealed record TrafficSelector(
    TrafficSelectorType Type,
    byte IpProtocolId,
    ushort StartPort,
    ushort EndPort,
    IPAddress StartAddress,
    IPAddress EndAddress)
{
    public const int Ipv4Length = 16;
    public const int Ipv6Length = 40;
    private const int HeaderLength = 4;

    /// <summary>All traffic between the two addresses (any protocol, any port).</summary>
    public static TrafficSelector ForRange(IPAddress start, IPAddress end, byte ipProtocolId = 0, ushort startPort = 0, ushort endPort = ushort.MaxValue)
    {
        TrafficSelectorType type = start.AddressFamily == AddressFamily.InterNetworkV6
            ? TrafficSelectorType.Ipv6AddressRange
            : TrafficSelectorType.Ipv4AddressRange;
        return new TrafficSelector(type, ipProtocolId, startPort, endPort, start, end);
    }

    /// <summary>Selector length on the wire for a known type.</summary>
    public static int LengthOf(TrafficSelectorType type) => type switch
    {
        TrafficSelectorType.Ipv4AddressRange => Ipv4Length,
        TrafficSelectorType.Ipv6AddressRange => Ipv6Length,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown traffic selector type."),
    };

    /// <summary>Reads one selector and moves the reader past it; the reader does not move on failure.</summary>
    public static TrafficSelector Read(ref SpanReader reader)
    {
        // Work on a copy and commit it only when the whole selector is valid.
        SpanReader cursor = reader;
        int start = cursor.Position;
        const IkeMalformedReason Short = IkeMalformedReason.TrafficSelectorLengthInvalid;
        var type = (TrafficSelectorType)cursor.ReadByte(Short);
        byte protocol = cursor.ReadByte(Short);
        ushort selectorLength = cursor.ReadUInt16(Short);
        int expectedLength = type switch
        {
            TrafficSelectorType.Ipv4AddressRange => Ipv4Length,
            TrafficSelectorType.Ipv6AddressRange => Ipv6Length,
            // §3.13.1 defines only these two for us; a TS we cannot interpret cannot be narrowed safely.
            _ => throw reader.Failure(IkeMalformedReason.TrafficSelectorTypeUnsupported),
        };

        // §3.13.1: Selector Length is 16 for IPv4 ranges and 40 for IPv6 ranges, header included.
        if (selectorLength != expectedLength)
        {
            throw reader.FailureAt(start + 2, Short);
        }

        ushort startPort = cursor.ReadUInt16(Short);
        ushort endPort = cursor.ReadUInt16(Short);
        int addressLength = (selectorLength - 8) / 2;
        var startAddress = new IPAddress(cursor.ReadBytes(addressLength, Short));
        var endAddress = new IPAddress(cursor.ReadBytes(addressLength, Short));
        var selector = new TrafficSelector(type, protocol, startPort, endPort, startAddress, endAddress);
        selector.ValidateRanges(reader.AbsolutePosition);
        reader = cursor;
        return selector;
    }

    public int GetEncodedLength() => LengthOf(Type);

    public void Write(ref SpanWriter writer)
    {
        Validate();
        writer.WriteByte((byte)Type);
        writer.WriteByte(IpProtocolId);
        writer.WriteUInt16((ushort)GetEncodedLength());
        writer.WriteUInt16(StartPort);
        writer.WriteUInt16(EndPort);
        WriteAddress(ref writer, StartAddress);
        WriteAddress(ref writer, EndAddress);
    }

    /// <summary>Checks address families and ranges.</summary>
    /// <exception cref="ArgumentException">The selector cannot be sent.</exception>
    public void Validate()
    {
        AddressFamily family = Type switch
        {
            TrafficSelectorType.Ipv4AddressRange => AddressFamily.InterNetwork,
            TrafficSelectorType.Ipv6AddressRange => AddressFamily.InterNetworkV6,
            _ => throw new ArgumentException($"Unknown traffic selector type {Type}."),
        };

        if (StartAddress.AddressFamily != family || EndAddress.AddressFamily != family)
        {
            throw new ArgumentException($"A {Type} selector needs {family} addresses.");
        }

        try
        {
            ValidateRanges(0);
        }
        catch (IkeMalformedException e)
        {
            throw new ArgumentException($"Traffic selector is invalid: {e.Reason}.", e);
        }
    }

    private void ValidateRanges(int selectorOffset)
    {
        // §3.13.1: Start Port / End Port bound the range; "Start Port ... 65535 and End Port ... 0" is OPAQUE.
        bool opaquePorts = StartPort == ushort.MaxValue && EndPort == 0;
        if (StartPort > EndPort && !opaquePorts)
        {
            throw new IkeMalformedException(IkeMalformedReason.TrafficSelectorRangeInverted, selectorOffset + 4);
        }

        // §3.13.1: the addresses are the start and end of an inclusive range; an inverted range selects nothing.
        if (CompareAddresses(StartAddress, EndAddress) > 0)
        {
            throw new IkeMalformedException(IkeMalformedReason.TrafficSelectorRangeInverted, selectorOffset + 8);
        }
    }

    private static int CompareAddresses(IPAddress left, IPAddress right)
    {
        Span<byte> leftBytes = stackalloc byte[16];
        Span<byte> rightBytes = stackalloc byte[16];
        left.TryWriteBytes(leftBytes, out int leftLength);
        right.TryWriteBytes(rightBytes, out int rightLength);
        return leftBytes[..leftLength].SequenceCompareTo(rightBytes[..rightLength]);
    }

    private static void WriteAddress(ref SpanWriter writer, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        writer.WriteBytes(bytes[..length]);
    }
}
