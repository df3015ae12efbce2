using System.Net;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class IdPayloadTests
{
    // RFC 2407 §4.6.2: ID Type | Protocol ID | Port | Identification Data.
    public static TheoryData<string, IdPayload> Vectors => new()
    {
        { "01 11 01f4 c6336401", IdPayload.ForAddress(IPAddress.Parse("198.51.100.1"), 17, 500) },        // ID_IPV4_ADDR, UDP/500
        { "02 00 0000 6367772e6578616d706c65", IdPayload.ForFqdn("cgw.example") },                          // ID_FQDN
        { "03 00 0000 6f7073406578616d706c65", IdPayload.ForUserFqdn("ops@example") },                      // ID_USER_FQDN
        { "04 00 0000 0a010000 ffff0000", IdPayload.ForSubnet(IPAddress.Parse("10.1.0.0"), 16) },           // ID_IPV4_ADDR_SUBNET
        { "04 06 0050 0a010000 ffffff80", IdPayload.ForSubnet(IPAddress.Parse("10.1.0.0"), 25, 6, 80) },    // TCP/80 only
        { "05 00 0000 20010db8000000000000000000000001", IdPayload.ForAddress(IPAddress.Parse("2001:db8::1")) },
        { "06 00 0000 fd000000000000000000000000000000 ffffffffffffffff0000000000000000", IdPayload.ForSubnet(IPAddress.Parse("fd00::"), 64) },
        { "07 00 0000 0a000001 0a0000ff", IdPayload.ForRange(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.255")) },
        { "09 00 0000 300f310d300b06035504030c04746573", IdPayload.ForDistinguishedName(Hex.Parse("300f310d300b06035504030c04746573")) },
        { "0b 00 0000 6b6579", IdPayload.ForKeyId(new byte[] { 0x6b, 0x65, 0x79 }) },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Identities_round_trip_through_their_rfc_2407_encodings(string hex, IdPayload expected)
    {
        IsakmpPayloadAssert.RoundTrips(b => IdPayload.Read(b), hex, expected);
        Assert.Equal(Hex.Format(Hex.Parse(hex)), Hex.Format(expected.EncodedBody.Span));
    }

    [Fact]
    public void Accessors_give_back_addresses_text_and_pairs()
    {
        Assert.True(IdPayload.ForAddress(IPAddress.Loopback).TryGetAddress(out IPAddress? address));
        Assert.Equal(IPAddress.Loopback, address);
        Assert.True(IdPayload.ForFqdn("a.example").TryGetText(out string? text));
        Assert.Equal("a.example", text);
        Assert.True(IdPayload.ForRange(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.9")).TryGetAddressPair(out IPAddress? start, out IPAddress? end));
        Assert.Equal((IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.9")), (start, end));
        Assert.False(IdPayload.ForFqdn("a.example").TryGetAddress(out _));
    }

    [Fact]
    public void Idii_b_is_the_body_as_received()
    {
        // HASH_I covers IDii_b exactly as sent (RFC 2409 §5); the value ignores nothing here, but the bytes come back untouched.
        IdPayload id = IdPayload.Read(Hex.Parse("01 00 0000 7f000001"));

        Assert.Equal("010000007f000001", Hex.Format(id.EncodedBody.Span));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "IPv4 address of 5 octets", "01 00 0000 7f00000100" },
        { "IPv6 address of 4 octets", "05 00 0000 7f000001" },
        { "FQDN with a NUL terminator", "02 00 0000 6100" },
        { "empty FQDN", "02 00 0000" },
        { "IPv4 subnet without mask", "04 00 0000 0a000000" },
        { "IPv6 subnet of 16 octets", "06 00 0000 fd000000000000000000000000000000" },
        { "IPv4 range ending before it starts", "07 00 0000 0a0000ff 0a000001" },
        { "IPv6 range of 16 octets", "08 00 0000 fd000000000000000000000000000000" },
        { "empty DN", "09 00 0000" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Identification_data_that_does_not_fit_its_type_is_rejected(string rule, string hex)
    {
        Assert.NotEmpty(rule);
        IsakmpPayloadAssert.Rejects(b => IdPayload.Read(b), hex, IkeMalformedReason.IdentificationDataInvalid, 4);
    }

    [Fact]
    public void A_body_shorter_than_the_fixed_fields_is_rejected() =>
        IsakmpPayloadAssert.Rejects(b => IdPayload.Read(b), "01 00 00", IkeMalformedReason.PayloadBodyTooShort, 2);
}
