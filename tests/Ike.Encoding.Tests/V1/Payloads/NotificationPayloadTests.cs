using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class NotificationPayloadTests
{
    private const ulong CookieI = 0x0102030405060708;
    private const ulong CookieR = 0x1112131415161718;
    private const string Cookies = "0102030405060708 1112131415161718";

    [Fact]
    public void An_error_names_the_isakmp_sa_without_spi()
    {
        // RFC 2408 §3.14: DOI 1 | PROTO_ISAKMP | SPI size 0 | NO-PROPOSAL-CHOSEN (14).
        IsakmpPayloadAssert.RoundTrips(b => NotificationPayload.Read(b), "00000001 01 00 000e", NotificationPayload.Create(IsakmpNotifyType.NoProposalChosen));
        Assert.True(NotificationPayload.Create(IsakmpNotifyType.NoProposalChosen).IsError);
    }

    [Fact]
    public void R_u_there_carries_the_cookies_and_a_sequence_number()
    {
        // RFC 3706 §5: PROTO_ISAKMP, SPI size 16 = CKY-I | CKY-R, type 36136, four-octet sequence number.
        string hex = "00000001 01 10 8d28 " + Cookies + " 0000002a";
        NotificationPayload expected = NotificationPayload.RUThere(CookieI, CookieR, 42);

        IsakmpPayloadAssert.RoundTrips(b => NotificationPayload.Read(b), hex, expected);

        Assert.True(expected.TryGetSequenceNumber(out uint sequence));
        Assert.Equal(42u, sequence);
        Assert.True(expected.TryGetCookies(out ulong initiator, out ulong responder));
        Assert.Equal((CookieI, CookieR), (initiator, responder));
        Assert.False(expected.IsError);
    }

    [Fact]
    public void R_u_there_ack_echoes_the_sequence_number() =>
        IsakmpPayloadAssert.RoundTrips(
            b => NotificationPayload.Read(b), "00000001 01 10 8d29 " + Cookies + " 0000002a", NotificationPayload.RUThereAck(CookieI, CookieR, 42));

    [Fact]
    public void Initial_contact_names_the_new_isakmp_sa() =>
        IsakmpPayloadAssert.RoundTrips(b => NotificationPayload.Read(b), "00000001 01 10 6002 " + Cookies, NotificationPayload.InitialContact(CookieI, CookieR));

    [Fact]
    public void Responder_lifetime_names_the_esp_sa_and_carries_attributes()
    {
        // RFC 2407 §4.6.3.1: ESP, SPI c0ffee02, SA Life Type seconds (TV), SA Life Duration 28800 (TLV, 4 octets).
        const string Hex8 = "00000001 03 04 6000 c0ffee02 8001 0001 0002 0004 00007080";
        NotificationPayload notify = NotificationPayload.Read(Hex.Parse(Hex8));

        Assert.True(notify.TryGetIpsecSpi(out uint spi));
        Assert.Equal(0xc0ffee02u, spi);
        IReadOnlyList<DataAttribute> attributes = notify.GetResponderLifetimeAttributes();
        Assert.Equal(DataAttribute.Basic(IpsecAttributeType.SaLifeType, (ushort)LifeType.Seconds), attributes[0]);
        Assert.True(attributes[1].TryGetInteger(out ulong seconds));
        Assert.Equal(28800ul, seconds);
        IsakmpPayloadAssert.WritesAs(notify, Hex8);
    }

    [Fact]
    public void Isakmp_notifications_may_use_the_isakmp_doi() =>
        IsakmpPayloadAssert.RoundTrips(
            b => NotificationPayload.Read(b), "00000000 01 00 0010",
            new NotificationPayload(DomainOfInterpretation.Isakmp, IpsecProtocolId.Ike, ReadOnlyMemory<byte>.Empty, IsakmpNotifyType.PayloadMalformed, ReadOnlyMemory<byte>.Empty));

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "body cut before the type", "00000001 01 00 00", IkeMalformedReason.PayloadBodyTooShort, 6 },
        { "SPI longer than the body", "00000001 03 04 000b c0ff", IkeMalformedReason.PayloadBodyTooShort, 8 },
        { "DOI 2", "00000002 01 00 000e", IkeMalformedReason.DoiNotSupported, 0 },
        { "ESP SPI of 2 octets", "00000001 03 02 000b c0ff", IkeMalformedReason.SpiSizeInvalid, 5 },
        { "ISAKMP SPI of 17 octets", "00000001 01 11 6002 " + Cookies + " 00", IkeMalformedReason.SpiSizeInvalid, 5 },
        { "R-U-THERE without sequence number", "00000001 01 10 8d28 " + Cookies, IkeMalformedReason.NotifyDataInvalid, 24 },
        { "REPLAY-STATUS of 2 octets", "00000001 03 04 6001 c0ffee01 0001", IkeMalformedReason.NotifyDataInvalid, 12 },
        { "RESPONDER-LIFETIME with a cut attribute", "00000001 03 04 6000 c0ffee01 0002 0004 0000", IkeMalformedReason.NotifyDataInvalid, 12 },
        { "RESPONDER-LIFETIME with SA Life Type in TLV form", "00000001 03 04 6000 c0ffee01 0001 0002 0001", IkeMalformedReason.NotifyDataInvalid, 12 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_notifications_are_rejected(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        Assert.NotEmpty(rule);
        IsakmpPayloadAssert.Rejects(b => NotificationPayload.Read(b), hex, reason, offset);
    }

    [Theory]
    [InlineData(IsakmpNotifyType.AuthenticationFailed, true)]
    [InlineData((IsakmpNotifyType)16383, true)]  // last private error
    [InlineData(IsakmpNotifyType.Connected, false)]
    [InlineData(IsakmpNotifyType.InitialContact, false)]
    [InlineData(IsakmpNotifyType.RUThere, false)]
    public void Types_below_16384_are_errors(IsakmpNotifyType type, bool isError) => Assert.Equal(isError, type.IsError());
}
