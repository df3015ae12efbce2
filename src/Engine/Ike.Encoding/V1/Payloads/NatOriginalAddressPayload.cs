using System.Net;
using System.Net.Sockets;

namespace Ike.Encoding.V1.Payloads;

/// <summary>NAT Original Address payload (NAT-OA): the sender's address as it knows it, for transport mode checksum fix-ups.</summary>
/// <remarks>
/// RFC 3947 §5.1:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |    RESERVED   |        Payload length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    ID Type    |    RESERVED   |            RESERVED           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         IPv4 (4 octets) or IPv6 address (16 octets)           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// "The ID type is defined ... as ID_IPV4_ADDR or ID_IPV6_ADDR" and the RESERVED fields "MUST be zero" when
/// sent; they are ignored on receipt. Quick mode messages 1 and 2 carry NAT-OAi and NAT-OAr (§5). The type
/// is 21, or 131 when a draft NAT-T vendor ID was agreed.
/// </remarks>
public sealed record NatOriginalAddressPayload : IsakmpPayload
{
    private const int FixedLength = 4;

    public NatOriginalAddressPayload(IPAddress address)
        : this(IsakmpPayloadType.NatOriginalAddress, address)
    {
    }

    public NatOriginalAddressPayload(IsakmpPayloadType type, IPAddress address)
    {
        if (type is not (IsakmpPayloadType.NatOriginalAddress or IsakmpPayloadType.NatOriginalAddressDraft))
        {
            throw new ArgumentException($"A NAT-OA payload is type 21 or 131, not {type}.", nameof(type));
        }

        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"NAT-OA carries an IPv4 or IPv6 address, not {address.AddressFamily}.", nameof(address));
        }

        Type = type;
        Address = address;
    }

    public override IsakmpPayloadType Type { get; }

    public IPAddress Address { get; }

    public static NatOriginalAddressPayload Read(IsakmpPayloadType type, ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var idType = (IdentificationType)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        reader.Skip(3, IkeMalformedReason.PayloadBodyTooShort); // RESERVED: ignored on receipt
        int expected = idType switch
        {
            IdentificationType.Ipv4Address => 4,
            IdentificationType.Ipv6Address => 16,
            _ => -1,
        };

        if (expected < 0)
        {
            throw new IkeMalformedException(IkeMalformedReason.NatOriginalAddressInvalid, 0);
        }

        if (reader.Remaining != expected)
        {
            throw reader.Failure(IkeMalformedReason.NatOriginalAddressInvalid);
        }

        return new NatOriginalAddressPayload(type, new IPAddress(reader.ReadRest()));
    }

    public override int GetEncodedLength() => FixedLength + (Address.AddressFamily == AddressFamily.InterNetwork ? 4 : 16);

    public override void Write(Span<byte> destination)
    {
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)(Address.AddressFamily == AddressFamily.InterNetwork
            ? IdentificationType.Ipv4Address
            : IdentificationType.Ipv6Address));
        writer.WriteZeros(3);
        writer.WriteBytes(Address.GetAddressBytes());
    }

    public bool Equals(NatOriginalAddressPayload? other) =>
        other is not null && Type == other.Type && Address.Equals(other.Address);

    public override int GetHashCode() => HashCode.Combine(Type, Address);
}
