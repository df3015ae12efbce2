using System.Net;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class IdPayloadTests
{
    public static TheoryData<string, IdentificationType, string> Vectors => new()
    {
        // ID Type | RESERVED (3) | Identification Data
        { "01 000000 | c0000201", IdentificationType.Ipv4Address, "c0000201" },
        { "02 000000 | 76706e2e6578616d706c652e636f6d", IdentificationType.Fqdn, "76706e2e6578616d706c652e636f6d" }, // vpn.example.com
        { "03 000000 | 6f7073406578616d706c652e636f6d", IdentificationType.Rfc822Address, "6f7073406578616d706c652e636f6d" }, // ops@example.com
        { "05 000000 | 20010db8000000000000000000000001", IdentificationType.Ipv6Address, "20010db8000000000000000000000001" },
        // DER of the DN "CN=test": SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String "test" } } }
        { "09 000000 | 300f310d300b06035504030c0474657374", IdentificationType.DerAsn1Dn, "300f310d300b06035504030c0474657374" },
        { "0b 000000 | 0102030405", IdentificationType.KeyId, "0102030405" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reads_and_writes_each_identification_type(string bodyHex, IdentificationType type, string dataHex)
    {
        IdPayload id = IdPayload.Read(PayloadType.IdentificationInitiator, Hex.Parse(bodyHex));

        Assert.Equal(PayloadType.IdentificationInitiator, id.Type);
        Assert.Equal(type, id.IdType);
        Assert.Equal(dataHex, Hex.Format(id.Data.Span));
        PayloadAssert.WritesAs(id, bodyHex);
    }

    [Fact]
    public void Factories_build_the_same_bytes_as_the_vectors()
    {
        PayloadAssert.WritesAs(IdPayload.FromAddress(PayloadType.IdentificationResponder, IPAddress.Parse("192.0.2.1")), "01000000c0000201");
        PayloadAssert.WritesAs(IdPayload.FromAddress(PayloadType.IdentificationResponder, IPAddress.Parse("2001:db8::1")), "0500000020010db8000000000000000000000001");
        PayloadAssert.WritesAs(IdPayload.FromFqdn(PayloadType.IdentificationResponder, "vpn.example.com"), "0200000076706e2e6578616d706c652e636f6d");
    }

    [Fact]
    public void Accessors_return_the_identity_in_its_natural_form()
    {
        IdPayload address = IdPayload.Read(PayloadType.IdentificationInitiator, Hex.Parse("01000000c0000201"));
        IdPayload fqdn = IdPayload.Read(PayloadType.IdentificationInitiator, Hex.Parse("0200000076706e2e6578616d706c652e636f6d"));

        Assert.True(address.TryGetAddress(out IPAddress? ip));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), ip);
        Assert.False(address.TryGetText(out _));
        Assert.True(fqdn.TryGetText(out string? name));
        Assert.Equal("vpn.example.com", name);
    }

    [Fact]
    public void Encoded_body_of_a_received_payload_is_exactly_what_the_peer_signed()
    {
        // RFC 7296 §2.15: AUTH covers ID Type, the RESERVED octets and the data as sent, even non-zero RESERVED.
        byte[] received = Hex.Parse("02 abcdef | 6162");
        IdPayload id = IdPayload.Read(PayloadType.IdentificationInitiator, received);

        Assert.Equal(Hex.Format(received), Hex.Format(id.EncodedBody.Span));
        PayloadAssert.WritesAs(id, "020000006162");
        Assert.Equal(IdPayload.FromFqdn(PayloadType.IdentificationInitiator, "ab"), id);
    }

    [Fact]
    public void Encoded_body_of_a_built_payload_has_zero_reserved_octets()
    {
        IdPayload id = IdPayload.FromFqdn(PayloadType.IdentificationResponder, "ab");

        Assert.Equal("020000006162", Hex.Format(id.EncodedBody.Span));
    }

    [Theory]
    [InlineData("0100", IkeMalformedReason.PayloadBodyTooShort, 1)]
    [InlineData("01000000 c00002", IkeMalformedReason.IdentificationDataInvalid, 4)]          // IPv4 needs 4 octets
    [InlineData("05000000 20010db8", IkeMalformedReason.IdentificationDataInvalid, 4)]        // IPv6 needs 16 octets
    [InlineData("02000000", IkeMalformedReason.IdentificationDataInvalid, 4)]                 // empty FQDN
    [InlineData("02000000 6100 62", IkeMalformedReason.IdentificationDataInvalid, 4)]         // NUL terminator inside
    [InlineData("03000000 61400d62", IkeMalformedReason.IdentificationDataInvalid, 4)]        // CR inside
    [InlineData("04000000 c0000200ffffff00", IkeMalformedReason.IdentificationDataInvalid, 4)] // IKEv1-only subnet form
    [InlineData("0b000000", IkeMalformedReason.IdentificationDataInvalid, 4)]                 // empty key ID
    public void Malformed_identities_are_rejected(string hex, IkeMalformedReason reason, int offset) =>
        PayloadAssert.Rejects(b => IdPayload.Read(PayloadType.IdentificationInitiator, b), hex, reason, offset);

    [Fact]
    public void Only_IDi_and_IDr_are_identification_payload_types() =>
        Assert.Throws<ArgumentException>(() => new IdPayload(PayloadType.Nonce, IdentificationType.KeyId, new byte[] { 1 }));
}
