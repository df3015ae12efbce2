using System.Net;
using System.Net.Sockets;
using TextEncoding = System.Text.Encoding;

namespace Ike.Encoding.V1.Payloads;

/// <summary>Identification payload: IDii / IDir in phase 1, IDci / IDcr (the traffic selectors) in quick mode.</summary>
/// <remarks>
/// RFC 2408 §3.8 with the IPsec DOI fields of RFC 2407 §4.6.2:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Next Payload !   RESERVED    !        Payload Length         !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !   ID Type     !  Protocol ID  !             Port              !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                     Identification Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Protocol ID is an IP protocol number (17 for UDP) and Port a transport port; zero means "any". In phase 1
/// they "MUST be set to zero or to UDP port 500" (RFC 2407 §4.6.2) — the engine checks that, since the same
/// payload names traffic selectors in quick mode. The subnet (4, 6) and range (7, 8) forms carry two addresses.
/// HASH_I and HASH_R cover "IDii_b" / "IDir_b", the body as sent (RFC 2409 §5), so <see cref="EncodedBody"/>
/// returns the octets received for a decoded payload.
/// </remarks>
public sealed record IdPayload : IsakmpPayload
{
    private const int FixedLength = 4;
    private readonly ReadOnlyMemory<byte> _receivedBody;

    public IdPayload(IdentificationType idType, byte ipProtocol, ushort port, ReadOnlyMemory<byte> data)
    {
        IdType = idType;
        IpProtocol = ipProtocol;
        Port = port;
        Data = data;
    }

    private IdPayload(IdentificationType idType, byte ipProtocol, ushort port, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> receivedBody)
        : this(idType, ipProtocol, port, data)
    {
        _receivedBody = receivedBody;
    }

    public override IsakmpPayloadType Type => IsakmpPayloadType.Identification;

    public IdentificationType IdType { get; }

    /// <summary>IP protocol number the identity is restricted to (RFC 2407 §4.6.2), 0 for any.</summary>
    public byte IpProtocol { get; }

    /// <summary>Transport port the identity is restricted to, 0 for any.</summary>
    public ushort Port { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>ID Type + Protocol ID + Port + Identification Data: the "IDii_b" octets phase 1 hashes cover (RFC 2409 §5).</summary>
    public ReadOnlyMemory<byte> EncodedBody
    {
        get
        {
            if (!_receivedBody.IsEmpty)
            {
                return _receivedBody;
            }

            var body = new byte[GetEncodedLength()];
            Write(body);
            return body;
        }
    }

    /// <summary>ID_IPV4_ADDR or ID_IPV6_ADDR (RFC 2407 §4.6.2.2, §4.6.2.6).</summary>
    public static IdPayload ForAddress(IPAddress address, byte ipProtocol = 0, ushort port = 0) =>
        new(AddressType(address, IdentificationType.Ipv4Address, IdentificationType.Ipv6Address), ipProtocol, port, address.GetAddressBytes());

    /// <summary>ID_FQDN (RFC 2407 §4.6.2.3): no terminators.</summary>
    public static IdPayload ForFqdn(string fqdn) => new(IdentificationType.Fqdn, 0, 0, TextEncoding.ASCII.GetBytes(fqdn));

    /// <summary>ID_USER_FQDN (RFC 2407 §4.6.2.4), e.g. "piper@foo.bar.com".</summary>
    public static IdPayload ForUserFqdn(string userFqdn) =>
        new(IdentificationType.Rfc822Address, 0, 0, TextEncoding.ASCII.GetBytes(userFqdn));

    /// <summary>ID_IPV4_ADDR_SUBNET / ID_IPV6_ADDR_SUBNET (RFC 2407 §4.6.2.5, §4.6.2.7): address, then netmask.</summary>
    public static IdPayload ForSubnet(IPAddress network, int prefixLength, byte ipProtocol = 0, ushort port = 0)
    {
        byte[] address = network.GetAddressBytes();
        if (prefixLength < 0 || prefixLength > address.Length * 8)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "Prefix longer than the address.");
        }

        var data = new byte[address.Length * 2];
        address.CopyTo(data, 0);
        for (int bit = 0; bit < prefixLength; bit++)
        {
            data[address.Length + (bit / 8)] |= (byte)(0x80 >> (bit % 8));
        }

        IdentificationType type = AddressType(network, IdentificationType.Ipv4AddressSubnet, IdentificationType.Ipv6AddressSubnet);
        return new IdPayload(type, ipProtocol, port, data);
    }

    /// <summary>ID_IPV4_ADDR_RANGE / ID_IPV6_ADDR_RANGE (RFC 2407 §4.6.2.8, §4.6.2.9): start, then end, inclusive.</summary>
    public static IdPayload ForRange(IPAddress start, IPAddress end, byte ipProtocol = 0, ushort port = 0)
    {
        if (start.AddressFamily != end.AddressFamily)
        {
            throw new ArgumentException("A range's ends must be of one address family.", nameof(end));
        }

        IdentificationType type = AddressType(start, IdentificationType.Ipv4AddressRange, IdentificationType.Ipv6AddressRange);
        byte[] data = [.. start.GetAddressBytes(), .. end.GetAddressBytes()];
        return new IdPayload(type, ipProtocol, port, data);
    }

    /// <summary>ID_DER_ASN1_DN (RFC 2407 §4.6.2.10): the DER encoding of an X.500 Distinguished Name.</summary>
    public static IdPayload ForDistinguishedName(ReadOnlyMemory<byte> derName) => new(IdentificationType.DerAsn1Dn, 0, 0, derName);

    /// <summary>ID_KEY_ID (RFC 2407 §4.6.2.12): opaque vendor-specific octets.</summary>
    public static IdPayload ForKeyId(ReadOnlyMemory<byte> keyId) => new(IdentificationType.KeyId, 0, 0, keyId);

    public static IdPayload Read(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var idType = (IdentificationType)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        byte protocol = reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        ushort port = reader.ReadUInt16(IkeMalformedReason.PayloadBodyTooShort);
        var payload = new IdPayload(idType, protocol, port, reader.ReadRest().ToArray(), body.ToArray());
        payload.Validate();
        return payload;
    }

    /// <summary>The identity as one address, for ID_IPV4_ADDR and ID_IPV6_ADDR.</summary>
    public bool TryGetAddress(out IPAddress? address)
    {
        address = IdType is IdentificationType.Ipv4Address or IdentificationType.Ipv6Address ? new IPAddress(Data.Span) : null;
        return address is not null;
    }

    /// <summary>The identity as text, for ID_FQDN and ID_USER_FQDN.</summary>
    public bool TryGetText(out string? text)
    {
        text = IdType is IdentificationType.Fqdn or IdentificationType.Rfc822Address ? TextEncoding.ASCII.GetString(Data.Span) : null;
        return text is not null;
    }

    /// <summary>The two addresses of a subnet (network, netmask) or range (start, end) identity.</summary>
    public bool TryGetAddressPair(out IPAddress? first, out IPAddress? second)
    {
        bool pair = IdType is IdentificationType.Ipv4AddressSubnet or IdentificationType.Ipv6AddressSubnet
            or IdentificationType.Ipv4AddressRange or IdentificationType.Ipv6AddressRange;
        int half = Data.Length / 2;
        first = pair ? new IPAddress(Data.Span[..half]) : null;
        second = pair ? new IPAddress(Data.Span[half..]) : null;
        return pair;
    }

    public override int GetEncodedLength() => FixedLength + Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)IdType);
        writer.WriteByte(IpProtocol);
        writer.WriteUInt16(Port);
        writer.WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        ReadOnlySpan<byte> data = Data.Span;
        bool valid = IdType switch
        {
            // RFC 2407 §4.6.2.2 / §4.6.2.6: "a single four (sixteen) octet IPv4 (IPv6) address".
            IdentificationType.Ipv4Address => data.Length == 4,
            IdentificationType.Ipv6Address => data.Length == 16,
            // §4.6.2.3 / §4.6.2.4: the strings "MUST not contain any terminators (e.g., NULL, CR, etc.)".
            IdentificationType.Fqdn or IdentificationType.Rfc822Address =>
                !data.IsEmpty && !data.ContainsAny((byte)0, (byte)'\r', (byte)'\n'),
            // §4.6.2.5 / §4.6.2.7: address followed by netmask.
            IdentificationType.Ipv4AddressSubnet => data.Length == 8,
            IdentificationType.Ipv6AddressSubnet => data.Length == 32,
            // §4.6.2.8 / §4.6.2.9: start address, then end address; a range that ends before it starts names nothing.
            IdentificationType.Ipv4AddressRange => data.Length == 8 && IsOrdered(data),
            IdentificationType.Ipv6AddressRange => data.Length == 32 && IsOrdered(data),
            // DNs, GeneralNames, key IDs and types registered later: opaque, but an empty identity identifies nobody.
            _ => !data.IsEmpty,
        };

        if (!valid)
        {
            throw new IkeMalformedException(IkeMalformedReason.IdentificationDataInvalid, FixedLength);
        }
    }

    /// <summary>Compares the identity; how the received octets looked does not change who it names.</summary>
    public bool Equals(IdPayload? other) =>
        other is not null && IdType == other.IdType && IpProtocol == other.IpProtocol && Port == other.Port
        && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => HashCode.Combine(IdType, IpProtocol, Port, ValueEquality.BytesHash(Data));

    private static bool IsOrdered(ReadOnlySpan<byte> startThenEnd)
    {
        int half = startThenEnd.Length / 2;
        return startThenEnd[..half].SequenceCompareTo(startThenEnd[half..]) <= 0;
    }

    private static IdentificationType AddressType(IPAddress address, IdentificationType v4, IdentificationType v6) =>
        address.AddressFamily switch
        {
            AddressFamily.InterNetwork => v4,
            AddressFamily.InterNetworkV6 => v6,
            _ => throw new ArgumentException($"Address family {address.AddressFamily} has no ID type.", nameof(address)),
        };
}
