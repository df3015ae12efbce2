using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class SaPayloadTests
{
    // One IKE proposal as strongSwan sends `aes256-sha256-modp2048` (RFC 7296 §3.3.1, §3.3.2, §3.3.5):
    // Last 0 | len 44 | #1 | IKE | SPI size 0 | 4 transforms
    //   ENCR (1) AES_CBC (12) + Key Length 256 (AF=1, type 14) | INTEG (3) HMAC_SHA2_256_128 (12)
    //   PRF (2) HMAC_SHA2_256 (5) | DH (4) MODP_2048 (14)
    private const string IkeProposal =
        "00 00 002c | 01 01 00 04 |"
        + " 03 00 000c 01 00 000c 800e 0100 |"
        + " 03 00 0008 03 00 000c |"
        + " 03 00 0008 02 00 0005 |"
        + " 00 00 0008 04 00 000e";

    // Two ESP proposals with SPI c1a2b3d4: #1 AES_CBC-128 / HMAC_SHA2_256_128 / no ESN, #2 3DES / HMAC_SHA1_96.
    private const string EspProposals =
        "02 00 0028 | 01 03 04 03 | c1a2b3d4 |"
        + " 03 00 000c 01 00 000c 800e 0080 |"
        + " 03 00 0008 03 00 000c |"
        + " 00 00 0008 05 00 0000 |"
        + "00 00 001c | 02 03 04 02 | c1a2b3d4 |"
        + " 03 00 0008 01 00 0003 |"
        + " 00 00 0008 03 00 0002";

    [Fact]
    public void Reads_an_ike_proposal_with_a_key_length_attribute()
    {
        SaPayload sa = SaPayload.Read(Hex.Parse(IkeProposal));

        Proposal proposal = Assert.Single(sa.Proposals);
        Assert.Equal(1, proposal.Number);
        Assert.Equal(IpsecProtocolId.Ike, proposal.ProtocolId);
        Assert.True(proposal.Spi.IsEmpty);
        Assert.Equal(
            [
                Transform.WithKeyLength(TransformType.Encryption, 12, 256),
                new Transform(TransformType.Integrity, 12),
                new Transform(TransformType.PseudorandomFunction, 5),
                new Transform(TransformType.DiffieHellmanGroup, 14),
            ],
            proposal.Transforms);
        Assert.Equal((ushort)256, proposal.Transforms[0].KeyLength);
        Assert.Null(proposal.Transforms[1].KeyLength);
        PayloadAssert.WritesAs(sa, IkeProposal);
    }

    [Fact]
    public void Reads_numbered_esp_proposals_with_spis()
    {
        SaPayload sa = SaPayload.Read(Hex.Parse(EspProposals));

        Assert.Equal([1, 2], sa.Proposals.Select(p => (int)p.Number));
        Assert.True(sa.Proposals[0].TryGetChildSpi(out uint spi));
        Assert.Equal(0xc1a2b3d4u, spi);
        Assert.Equal(new Transform(TransformType.ExtendedSequenceNumbers, 0), sa.Proposals[0].Transforms[2]);
        PayloadAssert.WritesAs(sa, EspProposals);
    }

    [Fact]
    public void Built_proposals_write_the_same_bytes()
    {
        var sa = new SaPayload(
        [
            Proposal.ForIkeSaInit(1,
            [
                Transform.WithKeyLength(TransformType.Encryption, 12, 256),
                new Transform(TransformType.Integrity, 12),
                new Transform(TransformType.PseudorandomFunction, 5),
                new Transform(TransformType.DiffieHellmanGroup, 14),
            ]),
        ]);

        PayloadAssert.WritesAs(sa, IkeProposal);
    }

    [Fact]
    public void A_rekey_proposal_carries_the_eight_octet_ike_spi()
    {
        const string Rekey = "00 00 0018 | 01 01 08 01 | 0102030405060708 | 00 00 0008 04 00 000e";
        SaPayload sa = SaPayload.Read(Hex.Parse(Rekey));

        Assert.True(sa.Proposals[0].TryGetIkeSpi(out ulong spi));
        Assert.Equal(0x0102030405060708ul, spi);
        PayloadAssert.WritesAs(
            new SaPayload([Proposal.ForIkeRekey(1, 0x0102030405060708, [new Transform(TransformType.DiffieHellmanGroup, 14)])]),
            Rekey);
    }

    [Fact]
    public void Unknown_tlv_attributes_are_kept_for_the_proposal_selection_to_judge()
    {
        // Transform with an AF=0 attribute of type 1, length 2, value abcd.
        const string Hex6 = "00 00 0016 | 01 01 00 01 | 00 00 000e 01 00 000c 0001 0002 abcd";
        SaPayload sa = SaPayload.Read(Hex.Parse(Hex6));

        TransformAttribute attribute = Assert.Single(sa.Proposals[0].Transforms[0].Attributes);
        Assert.False(attribute.IsFixedLength);
        Assert.Equal(1, attribute.AttributeType);
        Assert.Equal("abcd", Hex.Format(attribute.VariableValue.Span));
        PayloadAssert.WritesAs(sa, Hex6);
    }

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "no proposal", "", IkeMalformedReason.EmptySaPayload, 0 },
        { "proposal length below 8", "00 00 0007 01 01 00 00", IkeMalformedReason.ProposalLengthInvalid, 2 },
        { "proposal length past the payload", "00 00 0030 01 01 00 00", IkeMalformedReason.ProposalLengthInvalid, 2 },
        { "proposal header cut", "00 00 00", IkeMalformedReason.ProposalLengthInvalid, 2 },
        { "last substruc says more, none follows", "02 00 0008 01 01 00 00", IkeMalformedReason.ProposalCountMismatch, 8 },
        { "last substruc says last, more follows", "00 00 0008 01 01 00 00 | 00 00 0008 02 01 00 00", IkeMalformedReason.ProposalCountMismatch, 8 },
        { "last substruc neither 0 nor 2", "01 00 0008 01 01 00 00", IkeMalformedReason.ProposalCountMismatch, 0 },
        { "proposal numbers skip", "02 00 0008 01 01 00 00 | 00 00 0008 03 01 00 00", IkeMalformedReason.ProposalNumberInvalid, 12 },
        { "proposal number zero", "00 00 0008 00 01 00 00", IkeMalformedReason.ProposalNumberInvalid, 4 },
        { "several proposals not starting at 1", "02 00 0008 02 01 00 00 | 00 00 0008 03 01 00 00", IkeMalformedReason.ProposalNumberInvalid, 4 },
        { "ESP SPI of 8 octets", "00 00 0010 01 03 08 00 c1a2b3d4c1a2b3d4", IkeMalformedReason.SpiSizeInvalid, 6 },
        { "IKE SPI of 4 octets", "00 00 000c 01 01 04 00 c1a2b3d4", IkeMalformedReason.SpiSizeInvalid, 6 },
        { "SPI runs past the proposal", "00 00 000a 01 03 04 00 c1a2", IkeMalformedReason.ProposalLengthInvalid, 8 },
        { "num transforms 2, one present", "00 00 0010 01 01 00 02 | 00 00 0008 01 00 000c", IkeMalformedReason.TransformCountMismatch, 16 },
        { "num transforms 1, two present", "00 00 0018 01 01 00 01 | 03 00 0008 01 00 000c | 00 00 0008 03 00 000c", IkeMalformedReason.TransformCountMismatch, 16 },
        { "num transforms 1, trailing octets", "00 00 0014 01 01 00 01 | 00 00 0008 01 00 000c | 00000000", IkeMalformedReason.TransformCountMismatch, 16 },
        { "transform last substruc neither 0 nor 3", "00 00 0010 01 01 00 01 | 02 00 0008 01 00 000c", IkeMalformedReason.TransformCountMismatch, 8 },
        { "transform length below 8", "00 00 0010 01 01 00 01 | 00 00 0007 01 00 000c", IkeMalformedReason.TransformLengthInvalid, 10 },
        { "transform length past the proposal", "00 00 0010 01 01 00 01 | 00 00 0010 01 00 000c", IkeMalformedReason.TransformLengthInvalid, 10 },
        { "TLV attribute value cut", "00 00 0014 01 01 00 01 | 00 00 000c 01 00 000c | 0001 0004", IkeMalformedReason.TransformAttributeTruncated, 20 },
        { "attribute header cut", "00 00 0012 01 01 00 01 | 00 00 000a 01 00 000c | 800e", IkeMalformedReason.TransformAttributeTruncated, 18 },
        { "key length in TLV form", "00 00 0016 01 01 00 01 | 00 00 000e 01 00 000c | 000e 0002 0100", IkeMalformedReason.TransformAttributeFormatInvalid, 16 },
        { "more transforms than the cap", "00 00 0008 01 01 00 41", IkeMalformedReason.TooManyTransforms, 7 },
        { "more attributes than the cap", "00 00 0034 01 01 00 01 | 00 00 002c 01 00 000c" + string.Concat(Enumerable.Repeat(" 8001 0001", 9)), IkeMalformedReason.TooManyTransformAttributes, 48 },
        {
            "more proposals than the cap",
            string.Concat(Enumerable.Range(1, 32).Select(n => $"02 00 0008 {n:x2} 01 00 00 ")) + "00 00 0008 21 01 00 00",
            IkeMalformedReason.TooManyProposals,
            256
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_sa_payloads_are_rejected(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        Assert.NotEmpty(rule);
        PayloadAssert.Rejects(b => SaPayload.Read(b), hex, reason, offset);
    }

    [Fact]
    public void Writing_a_proposal_with_an_impossible_spi_is_our_bug()
    {
        var sa = new SaPayload([new Proposal(1, IpsecProtocolId.Esp, new byte[8], [new Transform(TransformType.Encryption, 12)])]);

        Assert.Throws<ArgumentException>(() => sa.Write(new byte[sa.GetEncodedLength()]));
    }
}
