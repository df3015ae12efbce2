using System.Net;
using System.Net.Sockets;
using TextEncoding = System.Text.Encoding;

namespace Ike.Encoding.V2.Payloads;

/// <summary>Identification payload (IDi, IDr).</summary>
/// <remarks>
/// RFC 7296 §3.5:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   ID Type     |                 RESERVED                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                   Identification Data                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The AUTH payload signs "RestOfInitIDPayload" / "RestOfRespIDPayload": the ID Type, the three RESERVED
/// octets and the Identification Data exactly as sent (§2.15). <see cref="EncodedBody"/> gives those octets:
/// the bytes received for a decoded payload (even if the peer put non-zero bits in RESERVED), the bytes we
/// would send for one we built.
/// </remarks>
public sealed record IdPayload : IkePayload
{
    private const int FixedLength = 4;
    private readonly ReadOnlyMemory<byte> _receivedBody;

    public IdPayload(PayloadType type, IdentificationType idType, ReadOnlyMemory<byte> data)
    {
        if (type is not (PayloadType.IdentificationInitiator or PayloadType.IdentificationResponder))
        {
            throw new ArgumentException($"An ID payload is IDi or IDr, not {type}.", nameof(type));
        }

        Type = type;
        IdType = idType;
        Data = data;
    }

    private IdPayload(PayloadType type, IdentificationType idType, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> receivedBody)
        : this(type, idType, data)
    {
        _receivedBody = receivedBody;
    }

    public override PayloadType Type { get; }

    public IdentificationType IdType { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public bool IsInitiator => Type == PayloadType.IdentificationInitiator;

    /// <summary>ID Type + RESERVED + Identification Data: the "RestOfIDPayload" octets AUTH covers (§2.15).</summary>
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

    public static IdPayload FromAddress(PayloadType type, IPAddress address) =>
        address.AddressFamily switch
        {
            AddressFamily.InterNetwork => new IdPayload(type, IdentificationType.Ipv4Address, address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => new IdPayload(type, IdentificationType.Ipv6Address, address.GetAddressBytes()),
            _ => throw new ArgumentException($"Address family {address.AddressFamily} has no ID type.", nameof(address)),
        };

    /// <summary>ID_FQDN: "a fully-qualified domain name string ... MUST NOT contain any terminators" (§3.5).</summary>
    public static IdPayload FromFqdn(PayloadType type, string fqdn) =>
        new(type, IdentificationType.Fqdn, TextEncoding.ASCII.GetBytes(fqdn));

    /// <summary>ID_RFC822_ADDR: "a fully-qualified RFC 822 email address string" (§3.5).</summary>
    public static IdPayload FromRfc822Address(PayloadType type, string address) =>
        new(type, IdentificationType.Rfc822Address, TextEncoding.ASCII.GetBytes(address));

    /// <summary>ID_DER_ASN1_DN: the binary DER encoding of an ASN.1 X.500 Distinguished Name (§3.5).</summary>
    public static IdPayload FromDistinguishedName(PayloadType type, ReadOnlyMemory<byte> derName) =>
        new(type, IdentificationType.DerAsn1Dn, derName);

    /// <summary>ID_KEY_ID: an opaque octet stream for vendor-specific identities (§3.5).</summary>
    public static IdPayload FromKeyId(PayloadType type, ReadOnlyMemory<byte> keyId) =>
        new(type, IdentificationType.KeyId, keyId);

    public static IdPayload Read(PayloadType type, ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        var idType = (IdentificationType)reader.ReadByte(IkeMalformedReason.PayloadBodyTooShort);
        reader.Skip(3, IkeMalformedReason.PayloadBodyTooShort); // RESERVED: ignored on receipt, but signed as received
        var payload = new IdPayload(type, idType, reader.ReadRest().ToArray(), body.ToArray());
        payload.Validate();
        return payload;
    }

    /// <summary>The identity as an address, for ID_IPV4_ADDR and ID_IPV6_ADDR.</summary>
    public bool TryGetAddress(out IPAddress? address)
    {
        address = IdType is IdentificationType.Ipv4Address or IdentificationType.Ipv6Address
            ? new IPAddress(Data.Span)
            : null;
        return address is not null;
    }

    /// <summary>The identity as text, for ID_FQDN and ID_RFC822_ADDR.</summary>
    public bool TryGetText(out string? text)
    {
        text = IdType is IdentificationType.Fqdn or IdentificationType.Rfc822Address
            ? TextEncoding.ASCII.GetString(Data.Span)
            : null;
        return text is not null;
    }

    public override int GetEncodedLength() => FixedLength + Data.Length;

    public override void Write(Span<byte> destination)
    {
        ValidateForWrite();
        var writer = new SpanWriter(destination);
        writer.WriteByte((byte)IdType);
        writer.WriteZeros(3);
        writer.WriteBytes(Data.Span);
    }

    public override void Validate()
    {
        ReadOnlySpan<byte> data = Data.Span;
        bool valid = IdType switch
        {
            // §3.5: "a single four (sixteen) octet IPv4 (IPv6) address".
            IdentificationType.Ipv4Address => data.Length == 4,
            IdentificationType.Ipv6Address => data.Length == 16,
            // §3.5: FQDN and RFC 822 strings "MUST NOT contain any terminators (e.g., NULL, CR, etc.)".
            IdentificationType.Fqdn or IdentificationType.Rfc822Address =>
                !data.IsEmpty && !data.ContainsAny((byte)0, (byte)'\r', (byte)'\n'),
            // IKEv1-only subnet and range forms are not IKEv2 identities (§3.5 lists 1, 2, 3, 5, 9, 10, 11).
            IdentificationType.Ipv4AddressSubnet or IdentificationType.Ipv6AddressSubnet
                or IdentificationType.Ipv4AddressRange or IdentificationType.Ipv6AddressRange => false,
            // DNs, GeneralNames, key IDs and types registered later: opaque, but an empty identity identifies nobody.
            _ => !data.IsEmpty,
        };

        if (!valid)
        {
            throw new IkeMalformedException(IkeMalformedReason.IdentificationDataInvalid, FixedLength);
        }
    }

    /// <summary>Compares the identity; how the received RESERVED octets looked does not change who it names.</summary>
    public bool Equals(IdPayload? other) =>
        other is not null && Type == other.Type && IdType == other.IdType && ValueEquality.BytesEqual(Data, other.Data);

    public override int GetHashCode() => HashCode.Combine(Type, IdType, ValueEquality.BytesHash(Data));
}
