using System.Buffers.Binary;
using Ike.Encoding.Tests.Support;
using Ike.Encoding.Tests.V1.Support;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;

namespace Ike.Encoding.Tests.V1;

public class MalformedMessageTests
{
    private const string Nonce8 = "0001020304050607";
    private const string Cookies = "0102030405060708 1112131415161718";

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "header cut at 20 octets", Cookies + " 0d100200", IkeMalformedReason.TruncatedHeader, 20 },
        { "Length says more than the datagram", Header("0a", 0x40) + "0000000c" + Nonce8, IkeMalformedReason.LengthMismatch, 24 },
        { "Length says less than the datagram", Header("0a", 0x20) + "0000000c" + Nonce8, IkeMalformedReason.LengthMismatch, 24 },
        { "generic header cut", Header("0d", 30) + "0000", IkeMalformedReason.TruncatedPayloadHeader, 30 },
        { "Payload Length below 4", Header("0d", 32) + "00000003", IkeMalformedReason.PayloadLengthTooSmall, 30 },
        { "payload runs past the end", Header("0d", 36) + "00000010 01020304", IkeMalformedReason.PayloadPastEnd, 30 },
        { "Next Payload promises a payload that is not there", Header("0d", 32) + "0d000004", IkeMalformedReason.TruncatedPayloadHeader, 32 },
        { "four octets after the last payload", Header("0d", 36) + "00000004 00000000", IkeMalformedReason.TrailingBytesAfterLastPayload, 32 },
        { "a non-zero octet after the last payload", Header("0d", 33) + "00000004 01", IkeMalformedReason.TrailingBytesAfterLastPayload, 32 },
        {
            "too many payloads",
            Header("0d", 28 + (65 * 4)) + string.Concat(Enumerable.Repeat("0d000004", 64)) + "00000004",
            IkeMalformedReason.TooManyPayloads,
            28 + (64 * 4)
        },
        { "nonce of 7 octets", Header("0a", 28 + 4 + 7) + "0000000b" + Nonce8[..14], IkeMalformedReason.NonceLengthOutOfRange, 32 },
        { "empty KE", Header("04", 32) + "00000004", IkeMalformedReason.KeyExchangeDataEmpty, 32 },
        { "empty HASH", Header("08", 32, exchange: "05") + "00000004", IkeMalformedReason.HashDataEmpty, 32 },
        { "empty SIG", Header("09", 32) + "00000004", IkeMalformedReason.SignatureDataEmpty, 32 },
        { "empty NAT-D", Header("14", 32) + "00000004", IkeMalformedReason.NatDiscoveryDataEmpty, 32 },
        { "ID_IPV4_ADDR of three octets", Header("05", 28 + 11) + "0000000b 01000000 7f0000", IkeMalformedReason.IdentificationDataInvalid, 36 },
        { "SA of the ISAKMP DOI", Header("01", 28 + 12) + "0000000c 00000000 00000001", IkeMalformedReason.DoiNotSupported, 32 },
        { "SA with SIT_SECRECY", Header("01", 28 + 12) + "0000000c 00000001 00000002", IkeMalformedReason.SituationNotSupported, 36 },
        { "SA without proposals", Header("01", 28 + 12) + "0000000c 00000001 00000001", IkeMalformedReason.EmptySaPayload, 40 },
        {
            "SA proposal says another follows",
            Header("01", 28 + 12 + 16) + "0000001c 00000001 00000001 | 02000010 01010001 | 00000008 01010000",
            IkeMalformedReason.ProposalCountMismatch,
            56
        },
        {
            "basic attribute in TLV form",
            Header("01", 28 + 12 + 20) + "00000020 00000001 00000001 | 00000014 01010001 | 0000000c 01010000 | 0001 0000",
            IkeMalformedReason.TransformAttributeFormatInvalid,
            56
        },
        { "notification of DOI 7", Header("0b", 28 + 12) + "0000000c 00000007 01000001", IkeMalformedReason.DoiNotSupported, 32 },
        {
            "R-U-THERE with a two-octet sequence number",
            Header("0b", 28 + 12 + 16 + 2, exchange: "05") + "0000001e 00000001 01108d28" + Cookies + "0001",
            IkeMalformedReason.NotifyDataInvalid,
            32 + 8 + 16
        },
        { "delete of ESP SAs with eight-octet SPIs", Header("0c", 28 + 20) + "00000014 00000001 03080001 c0ffee01c0ffee01", IkeMalformedReason.SpiSizeInvalid, 37 },
        { "delete announcing two SPIs, carrying one", Header("0c", 28 + 16) + "00000010 00000001 03040002 c0ffee01", IkeMalformedReason.DeleteSpiCountMismatch, 38 },
        { "NAT-OA with an FQDN ID type", Header("15", 28 + 12) + "0000000c 02000000 7f000001", IkeMalformedReason.NatOriginalAddressInvalid, 32 },
        { "E flag with 20 octets of ciphertext", Header("08", 48, flags: "01") + new string('0', 40), IkeMalformedReason.EncryptedDataNotBlockAligned, 28 },
        { "E flag without ciphertext", Header("08", 28, flags: "01"), IkeMalformedReason.EncryptedPayloadTooShort, 28 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_datagrams_are_reported_with_a_named_reason_and_offset(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        using var keys = AesCbcV1Protection.CreateRandom();

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(hex), keys, new byte[16]);

        Assert.True(result.Status == IsakmpDecodeStatus.Malformed, $"{rule}: {result}");
        Assert.Equal(reason, result.MalformedReason);
        Assert.Equal(offset, result.MalformedOffset);
        Assert.NotNull(result.ErrorNotify);
    }

    [Fact]
    public void A_chain_that_runs_past_the_decrypted_plaintext_is_malformed()
    {
        // Plaintext: a VID claiming 0x40 octets inside a 16-octet plaintext.
        using var keys = AesCbcV1Protection.CreateRandom();
        byte[] plaintext = Hex.Parse("00000040 000102030405060708090a0b");

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Encrypted(plaintext, "0d", keys), keys, new byte[16]);

        Assert.Equal(IsakmpDecodeStatus.Malformed, result.Status);
        Assert.Equal(IkeMalformedReason.PayloadPastEnd, result.MalformedReason);
        Assert.Equal(28 + 2, result.MalformedOffset);
        Assert.Equal(16, result.NextIv.Length);
    }

    [Fact]
    public void Any_amount_of_padding_after_an_encrypted_chain_is_ignored()
    {
        // RFC 2409 leaves the padding to the sender: three blocks of 0xAA after a 12-octet chain.
        using var keys = AesCbcV1Protection.CreateRandom();
        byte[] plaintext = [.. Hex.Parse("0000000c 0102030405060708"), .. Enumerable.Repeat((byte)0xAA, 36)];

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Encrypted(plaintext, "0d", keys), keys, new byte[16]);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(new VendorIdPayload(Hex.Parse("0102030405060708")), Assert.Single(result.Message.Payloads));
        Assert.Equal(12, result.Message.GetChainBytes(0).Length);
    }

    [Fact]
    public void A_cipher_that_refuses_is_a_decryption_failure()
    {
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(Header("08", 44, flags: "01") + new string('0', 32)), new RefusingProtection(), new byte[16]);

        Assert.Equal((IkeMalformedReason.DecryptionFailed, 28), (result.MalformedReason, result.MalformedOffset));
    }

    [Theory]
    [InlineData("20", IsakmpDecodeStatus.InvalidMajorVersion, IsakmpNotifyType.InvalidMajorVersion)] // an IKEv2 datagram
    [InlineData("11", IsakmpDecodeStatus.InvalidMinorVersion, IsakmpNotifyType.InvalidMinorVersion)]
    public void Versions_other_than_1_0_are_reported_before_anything_else(string version, IsakmpDecodeStatus status, IsakmpNotifyType notify)
    {
        string hex = Cookies + " 01" + version + "0200 00000000 000000ff";

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(hex));

        Assert.Equal(status, result.Status);
        Assert.Equal(notify, result.ErrorNotify);
        Assert.Equal(0x0102030405060708ul, result.Header!.Value.InitiatorCookie);
    }

    [Theory]
    [InlineData("06")] // Transaction (mode config), a draft we do not implement
    [InlineData("22")] // IKEv2's IKE_SA_INIT number
    [InlineData("f0")] // private use
    public void Unknown_exchange_types_are_invalid(string exchange)
    {
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(Header("0d", 32, exchange) + "00000004"));

        Assert.Equal(IsakmpDecodeStatus.InvalidExchangeType, result.Status);
        Assert.Equal(IsakmpNotifyType.InvalidExchangeType, result.ErrorNotify);
    }

    [Theory]
    [InlineData("0e", 14)] // reserved range
    [InlineData("7f", 127)]
    [InlineData("02", 2)]  // a Proposal outside its SA
    [InlineData("03", 3)]  // a Transform outside its proposal
    public void Payload_types_that_cannot_appear_in_a_chain_are_invalid(string type, int expected)
    {
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(Header("0d", 36) + $"{type}000004 00000004"));

        Assert.Equal(IsakmpDecodeStatus.InvalidPayloadType, result.Status);
        Assert.Equal((IsakmpPayloadType)expected, result.InvalidPayloadType);
        Assert.Equal(IsakmpNotifyType.InvalidPayloadType, result.ErrorNotify);
    }

    [Fact]
    public void Draft_nat_t_payload_numbers_are_recognised()
    {
        // NAT-D 130 and NAT-OA 131 of draft-ietf-ipsec-nat-t-ike-02/03.
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(Hex.Parse(Header("82", 28 + 24 + 12) + "83000018" + new string('a', 40) + "0000000c 01000000 c0a8010a"));

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal([IsakmpPayloadType.NatDiscoveryDraft, IsakmpPayloadType.NatOriginalAddressDraft], result.Message.Payloads.Select(p => p.Type));
    }

    [Theory]
    [InlineData(IkeMalformedReason.ProposalCountMismatch, IsakmpNotifyType.BadProposalSyntax)]
    [InlineData(IkeMalformedReason.TransformAttributeFormatInvalid, IsakmpNotifyType.BadProposalSyntax)]
    [InlineData(IkeMalformedReason.DoiNotSupported, IsakmpNotifyType.DoiNotSupported)]
    [InlineData(IkeMalformedReason.SituationNotSupported, IsakmpNotifyType.SituationNotSupported)]
    [InlineData(IkeMalformedReason.IdentificationDataInvalid, IsakmpNotifyType.InvalidIdInformation)]
    [InlineData(IkeMalformedReason.HashDataEmpty, IsakmpNotifyType.InvalidHashInformation)]
    [InlineData(IkeMalformedReason.LengthMismatch, IsakmpNotifyType.UnequalPayloadLengths)]
    [InlineData(IkeMalformedReason.NonceLengthOutOfRange, IsakmpNotifyType.PayloadMalformed)]
    public void Each_malformation_names_the_rfc_2408_error_notify(IkeMalformedReason reason, IsakmpNotifyType notify) =>
        Assert.Equal(notify, IsakmpErrorNotify.For(reason));

    private static string Header(string nextPayload, int length, string exchange = "02", string flags = "00") =>
        $"{Cookies} {nextPayload} 10 {exchange} {flags} 00000000 {length:x8} ";

    private static byte[] Encrypted(byte[] plaintext, string nextPayload, AesCbcV1Protection keys)
    {
        byte[] header = Hex.Parse(Header(nextPayload, 28 + plaintext.Length, flags: "01"));
        var ciphertext = new byte[plaintext.Length];
        keys.Encrypt(new byte[16], plaintext, ciphertext);
        byte[] datagram = [.. header, .. ciphertext];
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(24), (uint)datagram.Length);
        return datagram;
    }

    private sealed class RefusingProtection : IV1MessageProtection
    {
        public int BlockSize => 16;

        public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) =>
            throw new InvalidOperationException("not used");

        public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext) => false;
    }
}
