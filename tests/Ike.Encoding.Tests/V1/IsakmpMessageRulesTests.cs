using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1;

public class IsakmpMessageRulesTests
{
    [Theory]
    [MemberData(nameof(SampleIsakmpMessages.Names), MemberType = typeof(SampleIsakmpMessages))]
    public void Messages_shaped_as_in_rfc_2409_conform(string sample, int number) =>
        Assert.Null(IsakmpMessageRules.Check(SampleIsakmpMessages.ByName(sample), number));

    public static TheoryData<string, IsakmpMessage, int, IsakmpRuleViolation> Rejected
    {
        get
        {
            IsakmpMessage mm1 = SampleIsakmpMessages.MainMode1();
            IsakmpMessage mm3 = SampleIsakmpMessages.MainMode3();
            IsakmpMessage mm5 = SampleIsakmpMessages.MainMode5();
            IsakmpMessage am1 = SampleIsakmpMessages.Aggressive1();
            IsakmpMessage am2 = SampleIsakmpMessages.Aggressive2();
            IsakmpMessage qm1 = SampleIsakmpMessages.QuickMode1();
            IsakmpMessage info = SampleIsakmpMessages.DeleteIpsecSa();
            IsakmpMessage clear = SampleIsakmpMessages.NoProposalChosenInClear();
            return new TheoryData<string, IsakmpMessage, int, IsakmpRuleViolation>
            {
                { "base exchange", mm1 with { ExchangeType = IsakmpExchangeType.Base }, 1, new(IsakmpRuleViolationKind.UnknownExchangeType) },
                { "main mode has six messages", mm1, 7, new(IsakmpRuleViolationKind.UnknownMessageNumber) },
                { "message numbers start at 1", mm1, 0, new(IsakmpRuleViolationKind.UnknownMessageNumber) },
                { "main mode 1 encrypted", mm1 with { Flags = IsakmpHeaderFlags.Encryption }, 1, new(IsakmpRuleViolationKind.MessageMustNotBeEncrypted) },
                { "main mode 5 in clear", mm5 with { Flags = IsakmpHeaderFlags.None }, 5, new(IsakmpRuleViolationKind.MessageMustBeEncrypted) },
                { "quick mode in clear", qm1 with { Flags = IsakmpHeaderFlags.None }, 1, new(IsakmpRuleViolationKind.MessageMustBeEncrypted) },
                { "phase 1 with a message ID", mm3 with { MessageId = 7 }, 3, new(IsakmpRuleViolationKind.MessageIdMustBeZero) },
                { "quick mode with M-ID 0", qm1 with { MessageId = 0 }, 1, new(IsakmpRuleViolationKind.MessageIdMustNotBeZero) },
                { "protected informational with M-ID 0", info with { MessageId = 0 }, 1, new(IsakmpRuleViolationKind.MessageIdMustNotBeZero) },
                { "main mode 1 with a responder cookie", mm1 with { ResponderCookie = 9 }, 1, new(IsakmpRuleViolationKind.ResponderCookieMustBeZero) },
                { "aggressive mode 1 with a responder cookie", am1 with { ResponderCookie = 9 }, 1, new(IsakmpRuleViolationKind.ResponderCookieMustBeZero) },
                { "main mode 2 without a responder cookie", mm1, 2, new(IsakmpRuleViolationKind.ResponderCookieMissing) },
                { "main mode 1 without SA", mm1 with { Payloads = [.. mm1.Payloads.Skip(1)] }, 1, new(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.SecurityAssociation) },
                { "main mode 1 with two SAs", mm1 with { Payloads = [.. mm1.Payloads, SampleIsakmpMessages.IsakmpSa] }, 1, new(IsakmpRuleViolationKind.TooManyPayloads, IsakmpPayloadType.SecurityAssociation) },
                { "main mode 1 with KE", mm1 with { Payloads = [.. mm1.Payloads, SampleIsakmpMessages.Ke] }, 1, new(IsakmpRuleViolationKind.PayloadNotAllowed, IsakmpPayloadType.KeyExchange) },
                { "main mode 3 without nonce", mm3 with { Payloads = [.. mm3.Payloads.Where(p => p is not NoncePayload)] }, 3, new(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.Nonce) },
                { "main mode 3 with an ID (aggressive shape)", mm3 with { Payloads = [.. mm3.Payloads, SampleIsakmpMessages.LocalId] }, 3, new(IsakmpRuleViolationKind.PayloadNotAllowed, IsakmpPayloadType.Identification) },
                { "main mode 5 without HASH or SIG", mm5 with { Payloads = [.. mm5.Payloads.Where(p => p is not HashPayload)] }, 5, new(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.Hash) },
                { "main mode 5 with HASH and SIG", mm5 with { Payloads = [.. mm5.Payloads, new SignaturePayload(new byte[64])] }, 5, new(IsakmpRuleViolationKind.TooManyPayloads, IsakmpPayloadType.Hash) },
                { "main mode 5 without ID", mm5 with { Payloads = [.. mm5.Payloads.Skip(1)] }, 5, new(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.Identification) },
                { "aggressive mode 2 without KE", am2 with { Payloads = [.. am2.Payloads.Where(p => p is not KePayload)] }, 2, new(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.KeyExchange) },
                { "NAT-D in main mode 1", mm1 with { Payloads = [.. mm1.Payloads, SampleIsakmpMessages.NatD(1)] }, 1, new(IsakmpRuleViolationKind.PayloadNotAllowed, IsakmpPayloadType.NatDiscovery) },
                {
                    "draft NAT-D counts as NAT-D",
                    mm1 with { Payloads = [.. mm1.Payloads, new NatDiscoveryPayload(IsakmpPayloadType.NatDiscoveryDraft, new byte[20])] },
                    1,
                    new(IsakmpRuleViolationKind.PayloadNotAllowed, IsakmpPayloadType.NatDiscovery)
                },
                { "quick mode with HASH not first", qm1 with { Payloads = [.. qm1.Payloads.Skip(1), qm1.Payloads[0]] }, 1, new(IsakmpRuleViolationKind.HashMustBeFirst, IsakmpPayloadType.Hash) },
                { "quick mode with only IDci", qm1 with { Payloads = [.. qm1.Payloads.Where(p => p != SampleIsakmpMessages.RemoteSubnet)] }, 1, new(IsakmpRuleViolationKind.IdentitiesMustBePaired, IsakmpPayloadType.Identification) },
                { "quick mode with three IDs", qm1 with { Payloads = [.. qm1.Payloads, SampleIsakmpMessages.LocalSubnet] }, 1, new(IsakmpRuleViolationKind.TooManyPayloads, IsakmpPayloadType.Identification) },
                { "quick mode 3 with a nonce", SampleIsakmpMessages.QuickMode3() with { Payloads = [SampleIsakmpMessages.Hash, SampleIsakmpMessages.Nonce] }, 3, new(IsakmpRuleViolationKind.PayloadNotAllowed, IsakmpPayloadType.Nonce) },
                { "informational with only HASH", info with { Payloads = [SampleIsakmpMessages.Hash] }, 1, new(IsakmpRuleViolationKind.MissingPayload, IsakmpPayloadType.Notification) },
                { "informational in clear with a HASH", clear with { Payloads = [SampleIsakmpMessages.Hash, .. clear.Payloads] }, 1, new(IsakmpRuleViolationKind.PayloadNotAllowed, IsakmpPayloadType.Hash) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Messages_that_break_their_exchanges_shape_name_the_rule(string rule, IsakmpMessage message, int number, IsakmpRuleViolation expected) =>
        Assert.True(expected == IsakmpMessageRules.Check(message, number), $"{rule}: {IsakmpMessageRules.Check(message, number)}");

    [Fact]
    public void Decode_reports_a_violation_with_the_message_when_given_the_message_number()
    {
        byte[] datagram = IsakmpMessageCodec.Encode(SampleIsakmpMessages.MainMode3());

        IsakmpDecodeResult asThird = IsakmpMessageCodec.Decode(datagram, null, default, 3);
        IsakmpDecodeResult asFirst = IsakmpMessageCodec.Decode(datagram, null, default, 1);
        IsakmpDecodeResult unchecked_ = IsakmpMessageCodec.Decode(datagram);

        Assert.True(asThird.IsOk, asThird.ToString());
        Assert.Equal(IsakmpDecodeStatus.RuleViolation, asFirst.Status);
        Assert.Equal(new IsakmpRuleViolation(IsakmpRuleViolationKind.ResponderCookieMustBeZero), asFirst.RuleViolation);
        Assert.Equal(SampleIsakmpMessages.MainMode3(), asFirst.Message);
        Assert.Equal(IsakmpNotifyType.PayloadMalformed, asFirst.ErrorNotify);
        Assert.True(unchecked_.IsOk);
    }

    [Fact]
    public void Aggressive_mode_3_is_accepted_in_clear_and_encrypted()
    {
        // RFC 2409 §5 draws it in clear; some implementations encrypt it.
        Assert.NotNull(IsakmpMessageRules.ShapeFor(IsakmpExchangeType.Aggressive, 3, encrypted: false));
        Assert.NotNull(IsakmpMessageRules.ShapeFor(IsakmpExchangeType.Aggressive, 3, encrypted: true));
        Assert.Null(IsakmpMessageRules.ShapeFor(IsakmpExchangeType.Aggressive, 2, encrypted: true));
    }

    [Fact]
    public void Private_use_payloads_do_not_change_the_shape()
    {
        IsakmpMessage mm3 = SampleIsakmpMessages.MainMode3();
        IsakmpMessage withVendorExtension = mm3 with { Payloads = [.. mm3.Payloads, new UnknownPayload((IsakmpPayloadType)200, new byte[] { 1 })] };

        Assert.Null(IsakmpMessageRules.Check(withVendorExtension, 3));
    }
}
