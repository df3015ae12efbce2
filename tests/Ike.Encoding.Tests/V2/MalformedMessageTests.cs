using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2;

public class MalformedMessageTests
{
    private const string Nonce16 = "000102030405060708090a0b0c0d0e0f";

    public static TheoryData<string, string, IkeMalformedReason, int> Malformed => new()
    {
        { "header cut at 15 octets", "0102030405060708 00000000000000", IkeMalformedReason.TruncatedHeader, 15 },
        { "Length says more than the datagram", Header("28", 0x40) + "00000014" + Nonce16, IkeMalformedReason.LengthMismatch, 24 },
        { "Length says less than the datagram", Header("28", 0x20) + "00000014" + Nonce16, IkeMalformedReason.LengthMismatch, 24 },
        { "generic header cut", Header("28", 30) + "0000", IkeMalformedReason.TruncatedPayloadHeader, 30 },
        { "Payload Length below 4", Header("2b", 32) + "00000003", IkeMalformedReason.PayloadLengthTooSmall, 30 },
        { "payload runs past the end", Header("2b", 36) + "00000010 01020304", IkeMalformedReason.PayloadPastEnd, 30 },
        { "chain ends before the datagram", Header("2b", 36) + "00000004 deadbeef", IkeMalformedReason.TrailingBytesAfterLastPayload, 32 },
        { "Next Payload promises a payload that is not there", Header("2b", 32) + "28000004", IkeMalformedReason.TruncatedPayloadHeader, 32 },
        { "nonce of 15 octets", Header("28", 28 + 4 + 15) + "00000013" + Nonce16[..30], IkeMalformedReason.NonceLengthOutOfRange, 32 },
        {
            "too many payloads",
            Header("2b", 28 + (65 * 4)) + string.Concat(Enumerable.Repeat("2b000004", 64)) + "00000004",
            IkeMalformedReason.TooManyPayloads,
            28 + (64 * 4)
        },
        {
            // SA body at offset 32; the proposal says more follow but none does.
            "SA proposal count mismatch",
            Header("21", 28 + 4 + 8) + "0000000c 02000008 01010000",
            IkeMalformedReason.ProposalCountMismatch,
            40
        },
        {
            "SA transform attribute cut",
            Header("21", 28 + 4 + 18) + "00000016 00000012 01010001 0000000a 0100000c 800e",
            IkeMalformedReason.TransformAttributeTruncated,
            32 + 18
        },
        {
            "TS with an IPv6 length for an IPv4 selector",
            Header("2c", 28 + 4 + 20) + "00000018 01000000 07000028 0000ffff c0000200 c00002ff",
            IkeMalformedReason.TrafficSelectorLengthInvalid,
            32 + 6
        },
        { "SK not last", Header("2e", 28 + 8) + "2b000004 00000004", IkeMalformedReason.EncryptedPayloadNotLast, 28 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_datagrams_are_reported_with_a_named_reason_and_offset(string rule, string hex, IkeMalformedReason reason, int offset)
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();

        DecodeResult result = IkeMessageCodec.Decode(Hex.Parse(hex), keys);

        Assert.True(result.Status == DecodeStatus.Malformed, $"{rule}: {result}");
        Assert.Equal(reason, result.MalformedReason);
        Assert.Equal(offset, result.MalformedOffset);
    }

    [Theory]
    [InlineData("10")] // IKEv1 belongs to the other codec
    [InlineData("30")] // a future major version: answer INVALID_MAJOR_VERSION (§2.5)
    public void A_major_version_other_than_2_is_reported_before_anything_else(string version)
    {
        string hex = "0102030405060708 0000000000000000 21" + version + "2208 00000000 000000ff";

        DecodeResult result = IkeMessageCodec.Decode(Hex.Parse(hex), null);

        Assert.Equal(DecodeStatus.InvalidMajorVersion, result.Status);
        Assert.Equal(0x0102030405060708ul, result.Header!.Value.InitiatorSpi);
    }

    [Fact]
    public void A_critical_unknown_payload_is_unsupported()
    {
        // Next Payload 49 (unassigned) with the critical bit set (§2.5).
        DecodeResult result = IkeMessageCodec.Decode(Hex.Parse(Header("31", 32) + "00800004"), null);

        Assert.Equal(DecodeStatus.UnsupportedCriticalPayload, result.Status);
        Assert.Equal((PayloadType)49, result.UnsupportedPayloadType);
    }

    [Fact]
    public void The_critical_bit_of_a_known_payload_is_ignored()
    {
        // §3.2: the C bit "MUST be ignored by the recipient if the recipient understands the payload type".
        IkeMessage message = SampleMessages.IkeSaInitRequest();
        byte[] datagram = IkeMessageCodec.Encode(message, null);
        datagram[29] = 0x80; // SA payload's critical bit

        DecodeResult result = IkeMessageCodec.Decode(datagram, null);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void Padding_longer_than_the_plaintext_is_rejected()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        byte[] plaintext = new byte[16];
        plaintext[^1] = 16; // Pad Length 16 + its own octet exceeds the 16-octet plaintext

        DecodeResult result = IkeMessageCodec.Decode(Protected(plaintext, PayloadType.None, keys), keys);

        Assert.Equal(DecodeStatus.Malformed, result.Status);
        Assert.Equal(IkeMalformedReason.PaddingInvalid, result.MalformedReason);
        Assert.Equal(32 + 16 + 15, result.MalformedOffset);
    }

    [Fact]
    public void Padding_of_any_aligned_length_is_accepted()
    {
        // §3.14: "the recipient MUST accept any length that results in proper alignment".
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        byte[] plaintext = new byte[48];
        plaintext[^1] = 47;

        DecodeResult result = IkeMessageCodec.Decode(Protected(plaintext, PayloadType.None, keys), keys);

        Assert.True(result.IsOk, result.ToString());
        Assert.Empty(result.Message.EncryptedPayloads!);
    }

    [Theory]
    [InlineData(0, IkeMalformedReason.EncryptedPayloadTooShort, 32)]      // IV + ICV, no ciphertext block
    [InlineData(20, IkeMalformedReason.EncryptedDataNotBlockAligned, 48)] // 20 octets of ciphertext
    public void An_sk_body_that_cannot_hold_whole_blocks_is_rejected_before_the_icv(int ciphertextLength, IkeMalformedReason reason, int offset)
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        int length = 28 + 4 + 16 + ciphertextLength + 16;
        string hex = Header("2e", length, exchange: "25") + $"0000{length - 28:x4}" + new string('0', (16 + ciphertextLength + 16) * 2);

        DecodeResult result = IkeMessageCodec.Decode(Hex.Parse(hex), keys);

        Assert.Equal(reason, result.MalformedReason);
        Assert.Equal(offset, result.MalformedOffset);
        Assert.Equal(0, keys.IcvComputations);
    }

    [Fact]
    public void An_sk_payload_inside_sk_is_rejected()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        byte[] plaintext = Pad(Hex.Parse("00000004"));

        DecodeResult result = IkeMessageCodec.Decode(Protected(plaintext, PayloadType.Encrypted, keys), keys);

        Assert.Equal(IkeMalformedReason.NestedEncryptedPayload, result.MalformedReason);
        Assert.Equal(48, result.MalformedOffset);
    }

    [Fact]
    public void A_malformed_inner_payload_is_reported_at_its_ciphertext_offset()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        byte[] plaintext = Pad(Hex.Parse("0000000c 0102030405060708")); // Nonce of 8 octets

        DecodeResult result = IkeMessageCodec.Decode(Protected(plaintext, PayloadType.Nonce, keys), keys);

        Assert.Equal(IkeMalformedReason.NonceLengthOutOfRange, result.MalformedReason);
        Assert.Equal(48 + 4, result.MalformedOffset);
    }

    [Fact]
    public void An_inner_chain_that_ends_before_the_padding_is_rejected()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        byte[] plaintext = Pad(Hex.Parse("00000004 ffffffff")); // empty Vendor ID, then 4 stray octets

        DecodeResult result = IkeMessageCodec.Decode(Protected(plaintext, PayloadType.VendorId, keys), keys);

        Assert.Equal(IkeMalformedReason.TrailingBytesAfterLastPayload, result.MalformedReason);
        Assert.Equal(48 + 4, result.MalformedOffset);
    }

    private static string Header(string nextPayload, int length, string exchange = "22") =>
        $"0102030405060708 0000000000000000 {nextPayload} 20 {exchange} 08 00000000 {length:x8} ";

    /// <summary>Minimal padding with zero octets and the Pad Length octet (§3.14).</summary>
    private static byte[] Pad(byte[] inner)
    {
        int padded = (inner.Length + 1 + 15) / 16 * 16;
        byte[] plaintext = new byte[padded];
        inner.CopyTo(plaintext, 0);
        plaintext[^1] = (byte)(padded - inner.Length - 1);
        return plaintext;
    }

    /// <summary>An INFORMATIONAL request whose SK holds exactly <paramref name="plaintext"/>, with a valid ICV.</summary>
    private static byte[] Protected(byte[] plaintext, PayloadType firstInner, AesCbcHmacSha256Protection keys)
    {
        int length = IkeHeader.Size + 4 + keys.IvSize + plaintext.Length + keys.IcvSize;
        var datagram = new byte[length];
        new IkeHeader(SampleMessages.SpiI, SampleMessages.SpiR, PayloadType.Encrypted, 2, 0, ExchangeType.Informational,
            IkeHeaderFlags.Initiator, 7, (uint)length).Write(datagram);
        datagram[28] = (byte)firstInner;
        datagram[30] = (byte)((length - 28) >> 8);
        datagram[31] = (byte)(length - 28);
        Span<byte> iv = datagram.AsSpan(32, keys.IvSize);
        keys.FillIv(iv);
        keys.Encrypt(iv, plaintext, datagram.AsSpan(32 + keys.IvSize, plaintext.Length));
        keys.ComputeIcv(datagram.AsSpan(0, length - keys.IcvSize), datagram.AsSpan(length - keys.IcvSize));
        return datagram;
    }
}
