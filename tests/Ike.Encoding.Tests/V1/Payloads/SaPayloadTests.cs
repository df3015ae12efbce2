using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1.Payloads;

public class SaPayloadTests
{
    // RFC 2408 §3.4–§3.6 with RFC 2407 §4.6.1: DOI 1, SIT_IDENTITY_ONLY, then
    // Proposal: Next 0 | len 0x30 | #1 | PROTO_ISAKMP | SPI size 0 | 1 transform
    //   Transform: Next 0 | len 0x28 | #1 | KEY_IKE | RESERVED2
    //     AES-CBC (7), Key Length 256, SHA (2), group 14, PSK (1), Life Type seconds, Life Duration 86400 as TLV (4 octets)
    private const string Phase1 =
        "00000001 00000001 |"
        + " 00 00 0030 | 01 01 00 01 |"
        + "   00 00 0028 | 01 01 0000 |"
        + "     8001 0007 | 800e 0100 | 8002 0002 | 8004 000e | 8003 0001 | 800b 0001 | 000c 0004 00015180";

    // Two ESP proposals of one transform each (RFC 2407 §4.4.4, §4.5), SPI c1a2b3d4:
    // #1 ESP_AES-128 HMAC-SHA2-256 tunnel, #2 ESP_3DES HMAC-SHA1 UDP-encapsulated tunnel (RFC 3947 §5.2).
    private const string Phase2 =
        "00000001 00000001 |"
        + " 02 00 0020 | 01 03 04 01 | c1a2b3d4 |"
        + "   00 00 0014 | 01 0c 0000 | 8006 0080 | 8005 0005 | 8004 0001 |"
        + " 00 00 001c | 02 03 04 01 | c1a2b3d4 |"
        + "   00 00 0010 | 01 03 0000 | 8005 0002 | 8004 0003";

    [Fact]
    public void Reads_a_phase_1_proposal_with_a_tlv_life_duration()
    {
        SaPayload sa = SaPayload.Read(Hex.Parse(Phase1));

        Assert.Equal((DomainOfInterpretation.Ipsec, IpsecSituation.IdentityOnly), (sa.Doi, sa.Situation));
        ProposalPayload proposal = Assert.Single(sa.Proposals);
        Assert.Equal((1, IpsecProtocolId.Ike), (proposal.Number, proposal.ProtocolId));
        TransformPayload transform = Assert.Single(proposal.Transforms);
        Assert.Equal((ushort)Phase1EncryptionAlgorithm.AesCbc, transform.Find(Phase1AttributeType.EncryptionAlgorithm)!.BasicValue);
        Assert.Equal((ushort)256, transform.Find(Phase1AttributeType.KeyLength)!.BasicValue);
        DataAttribute duration = transform.Find(Phase1AttributeType.LifeDuration)!;
        Assert.False(duration.IsBasic);
        Assert.True(duration.TryGetInteger(out ulong seconds));
        Assert.Equal(86400ul, seconds);
        Assert.Equal(Hex.Format(Hex.Parse(Phase1)), Hex.Format(sa.EncodedBody.Span));
        IsakmpPayloadAssert.WritesAs(sa, Phase1);
    }

    [Fact]
    public void Built_phase_1_proposals_write_the_same_octets()
    {
        var sa = new SaPayload(
        [
            ProposalPayload.ForIsakmp(1,
            [
                new TransformPayload(1, TransformIds.KeyIke,
                [
                    DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, (ushort)Phase1EncryptionAlgorithm.AesCbc),
                    DataAttribute.Basic(Phase1AttributeType.KeyLength, 256),
                    DataAttribute.Basic(Phase1AttributeType.HashAlgorithm, (ushort)Phase1HashAlgorithm.Sha1),
                    DataAttribute.Basic(Phase1AttributeType.GroupDescription, (ushort)GroupDescription.Modp2048),
                    DataAttribute.Basic(Phase1AttributeType.AuthenticationMethod, (ushort)Phase1AuthenticationMethod.PreSharedKey),
                    DataAttribute.Basic(Phase1AttributeType.LifeType, (ushort)LifeType.Seconds),
                    DataAttribute.Integer((ushort)Phase1AttributeType.LifeDuration, 86400),
                ]),
            ]),
        ]);

        IsakmpPayloadAssert.WritesAs(sa, Phase1);
        Assert.Equal(Hex.Format(Hex.Parse(Phase1)), Hex.Format(sa.EncodedBody.Span));
    }

    [Fact]
    public void Reads_alternative_esp_proposals_with_their_spis()
    {
        SaPayload sa = SaPayload.Read(Hex.Parse(Phase2));

        Assert.Equal([1, 2], sa.Proposals.Select(p => (int)p.Number));
        Assert.True(sa.Proposals[1].TryGetIpsecSpi(out uint spi));
        Assert.Equal(0xc1a2b3d4u, spi);
        Assert.Equal((ushort)EncapsulationMode.UdpEncapsulatedTunnel, sa.Proposals[1].Transforms[0].Find(IpsecAttributeType.EncapsulationMode)!.BasicValue);
        IsakmpPayloadAssert.WritesAs(sa, Phase2);
    }

    [Fact]
    public void Proposals_sharing_a_number_are_a_bundle_and_libreswans_zero_based_numbers_are_fine()
    {
        // RFC 2408 §4.2: AH #0 AND ESP #0 (logical AND). Libreswan numbers proposals and transforms from 0.
        const string Bundle =
            "00000001 00000001 |"
            + " 02 00 0014 | 00 02 04 01 | 00000001 | 00 00 0008 | 00 03 0000 |"
            + " 00 00 0014 | 00 03 04 01 | 00000002 | 00 00 0008 | 00 0c 0000";

        SaPayload sa = SaPayload.Read(Hex.Parse(Bundle));

        Assert.Equal([IpsecProtocolId.Ah, IpsecProtocolId.Esp], sa.Proposals.Select(p => p.ProtocolId));
        Assert.All(sa.Proposals, p => Assert.Equal(0, p.Number));
        IsakmpPayloadAssert.WritesAs(sa, Bundle);
    }

    [Fact]
    public void An_isakmp_proposal_may_carry_the_cookies_as_a_sixteen_octet_spi()
    {
        // RFC 2408 §3.5: for ISAKMP "the SPI Size is irrelevant and MAY be from zero (0) to sixteen (16)".
        const string WithCookies = "00000001 00000001 | 00 00 0020 | 01 01 10 01 | 0102030405060708 1112131415161718 | 00 00 0008 | 01 01 0000";

        SaPayload sa = SaPayload.Read(Hex.Parse(WithCookies));

        Assert.Equal(16, sa.Proposals[0].Spi.Length);
        IsakmpPayloadAssert.WritesAs(sa, WithCookies);
    }

    [Fact]
    public void The_received_body_is_what_main_mode_hashes_even_when_reserved_octets_were_set()
    {
        // SAi_b is "the entire body of the SA payload" as the initiator sent it (RFC 2409 §5).
        string odd = Phase1.Replace(" 00 00 0030", " 00 ff 0030", StringComparison.Ordinal);

        SaPayload sa = SaPayload.Read(Hex.Parse(odd));

        Assert.Equal(Hex.Format(Hex.Parse(odd)), Hex.Format(sa.EncodedBody.Span));
        Assert.Equal(SaPayload.Read(Hex.Parse(Phase1)), sa);
    }

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "no DOI", "000000", IkeMalformedReason.PayloadBodyTooShort, 0 },
        { "ISAKMP DOI", "00000000 00000001 | 00 00 0010 01 01 00 01 | 00 00 0008 01 01 0000", IkeMalformedReason.DoiNotSupported, 0 },
        { "SIT_SECRECY", "00000001 00000003 | 00 00 0010 01 01 00 01 | 00 00 0008 01 01 0000", IkeMalformedReason.SituationNotSupported, 4 },
        { "no proposal", "00000001 00000001", IkeMalformedReason.EmptySaPayload, 8 },
        { "proposal length below 8", "00000001 00000001 | 00 00 0007 01 01 00 01", IkeMalformedReason.ProposalLengthInvalid, 10 },
        { "proposal length past the payload", "00000001 00000001 | 00 00 0030 01 01 00 01", IkeMalformedReason.ProposalLengthInvalid, 10 },
        { "proposal Next Payload neither 0 nor 2", "00000001 00000001 | 03 00 0010 01 01 00 01 | 00 00 0008 01 01 0000", IkeMalformedReason.ProposalCountMismatch, 8 },
        { "proposal says more, none follows", "00000001 00000001 | 02 00 0010 01 01 00 01 | 00 00 0008 01 01 0000", IkeMalformedReason.ProposalCountMismatch, 24 },
        { "proposal says last, more follows", "00000001 00000001 | 00 00 0010 01 01 00 01 | 00 00 0008 01 01 0000 | 00000000", IkeMalformedReason.ProposalCountMismatch, 24 },
        {
            "proposal numbers going down",
            "00000001 00000001 | 02 00 0010 02 01 00 01 | 00 00 0008 01 01 0000 | 00 00 0010 01 01 00 01 | 00 00 0008 01 01 0000",
            IkeMalformedReason.ProposalNumberInvalid,
            28
        },
        { "ESP SPI of 8 octets", "00000001 00000001 | 00 00 0018 01 03 08 01 c1a2b3d4c1a2b3d4 | 00 00 0008 01 0c 0000", IkeMalformedReason.SpiSizeInvalid, 14 },
        { "ISAKMP SPI of 17 octets", "00000001 00000001 | 00 00 0021 01 01 11 01" + new string('0', 34) + "00 00 0008 01 01 0000", IkeMalformedReason.SpiSizeInvalid, 14 },
        { "IPCOMP CPI of 3 octets", "00000001 00000001 | 00 00 0013 01 04 03 01 000102 | 00 00 0008 01 02 0000", IkeMalformedReason.SpiSizeInvalid, 14 },
        { "SPI runs past the proposal", "00000001 00000001 | 00 00 000a 01 03 04 01 c1a2", IkeMalformedReason.ProposalLengthInvalid, 16 },
        { "no transforms", "00000001 00000001 | 00 00 0008 01 01 00 00", IkeMalformedReason.TransformCountMismatch, 15 },
        { "two transforms announced, one present", "00000001 00000001 | 00 00 0010 01 01 00 02 | 00 00 0008 01 01 0000", IkeMalformedReason.TransformCountMismatch, 24 },
        { "one transform announced, two present", "00000001 00000001 | 00 00 0018 01 01 00 01 | 03 00 0008 01 01 0000 | 00 00 0008 02 01 0000", IkeMalformedReason.TransformCountMismatch, 24 },
        { "octets after the transforms", "00000001 00000001 | 00 00 0014 01 01 00 01 | 00 00 0008 01 01 0000 | 00000000", IkeMalformedReason.TransformCountMismatch, 24 },
        { "transform Next Payload neither 0 nor 3", "00000001 00000001 | 00 00 0010 01 01 00 01 | 02 00 0008 01 01 0000", IkeMalformedReason.TransformCountMismatch, 16 },
        { "transform length below 8", "00000001 00000001 | 00 00 0010 01 01 00 01 | 00 00 0007 01 01 0000", IkeMalformedReason.TransformLengthInvalid, 18 },
        { "transform length past the proposal", "00000001 00000001 | 00 00 0010 01 01 00 01 | 00 00 0010 01 01 0000", IkeMalformedReason.TransformLengthInvalid, 18 },
        { "TLV attribute value cut", "00000001 00000001 | 00 00 0014 01 01 00 01 | 00 00 000c 01 01 0000 | 000c 0004", IkeMalformedReason.TransformAttributeTruncated, 28 },
        { "attribute header cut", "00000001 00000001 | 00 00 0012 01 01 00 01 | 00 00 000a 01 01 0000 | 8001", IkeMalformedReason.TransformAttributeTruncated, 26 },
        { "phase 1 encryption algorithm in TLV form", "00000001 00000001 | 00 00 0016 01 01 00 01 | 00 00 000e 01 01 0000 | 0001 0002 0007", IkeMalformedReason.TransformAttributeFormatInvalid, 24 },
        { "ESP encapsulation mode in TLV form", "00000001 00000001 | 00 00 001a 01 03 04 01 c1a2b3d4 | 00 00 000e 01 0c 0000 | 0004 0002 0001", IkeMalformedReason.TransformAttributeFormatInvalid, 28 },
        {
            "more attributes than the cap",
            "00000001 00000001 | 00 00 0094 01 01 00 01 | 00 00 008c 01 01 0000" + string.Concat(Enumerable.Repeat(" 800b 0001", 33)),
            IkeMalformedReason.TooManyTransformAttributes,
            24 + (32 * 4)
        },
        {
            "more proposals than the cap",
            "00000001 00000001 " + string.Concat(Enumerable.Range(1, 32).Select(n => $"02 00 0010 {n:x2} 01 00 01 00 00 0008 01 01 0000 ")) + "00 00 0010 21 01 00 01 00 00 0008 01 01 0000",
            IkeMalformedReason.TooManyProposals,
            8 + (32 * 16)
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_sa_payloads_are_rejected(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        Assert.NotEmpty(rule);
        IsakmpPayloadAssert.Rejects(b => SaPayload.Read(b), hex, reason, offset);
    }

    [Fact]
    public void A_proposal_reader_does_not_move_when_the_proposal_is_rejected()
    {
        byte[] bytes = Hex.Parse("00 00 0018 01 03 08 01 c1a2b3d4c1a2b3d4 | 00 00 0008 01 0c 0000");
        var reader = new SpanReader(bytes);

        bool threw = false;
        try
        {
            ProposalPayload.Read(ref reader, out _);
        }
        catch (IkeMalformedException e)
        {
            threw = e.Reason == IkeMalformedReason.SpiSizeInvalid;
        }

        Assert.True(threw);
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void A_transform_reader_moves_past_exactly_one_transform()
    {
        byte[] bytes = Hex.Parse("03 00 000c 01 01 0000 8001 0005 | 00 00 0008 02 01 0000");
        var reader = new SpanReader(bytes);

        TransformPayload first = TransformPayload.Read(ref reader, IpsecProtocolId.Ike, out bool isLast);

        Assert.False(isLast);
        Assert.Equal(12, reader.Position);
        Assert.Equal(DataAttribute.Basic(Phase1AttributeType.EncryptionAlgorithm, (ushort)Phase1EncryptionAlgorithm.TripleDesCbc), Assert.Single(first.Attributes));
    }

    [Fact]
    public void Writing_impossible_proposals_is_our_bug()
    {
        var wrongSpi = new SaPayload([new ProposalPayload(1, IpsecProtocolId.Esp, new byte[8], [new TransformPayload(1, 12, [])])]);
        var noTransform = new SaPayload([ProposalPayload.ForIsakmp(1, [])]);

        Assert.Throws<ArgumentException>(() => wrongSpi.Write(new byte[wrongSpi.GetEncodedLength()]));
        Assert.Throws<ArgumentException>(() => noTransform.Write(new byte[noTransform.GetEncodedLength()]));
        Assert.Throws<ArgumentException>(() => new SaPayload([]).Write(new byte[8]));
    }
}
