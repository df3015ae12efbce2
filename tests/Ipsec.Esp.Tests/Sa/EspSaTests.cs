using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Kdf;
using Ipsec.Esp.Packets;
using Ipsec.Esp.Sa;
using Ipsec.Esp.Tests.TestSupport;

namespace Ipsec.Esp.Tests.Sa;

public class EspSaTests
{
    private const uint Spi = 0x12345678;

    // RFC 3602 §4, cases #5-#8: key, SPI, sequence number, IV, payload, Next Header, ESP packet without ICV (the RFC's
    // cases have no authentication, so only the bytes from the SPI to the end of the ciphertext are compared).
    public static TheoryData<string, uint, uint, string, string, byte, string> Rfc3602EspCases => new()
    {
        {
            "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 1, "e96e8c08ab465763fd098d45dd3ff893",
            "08000ebda70a00008e9c083db95b070008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            IpProtocol.Icmp,
            "0000432100000001e96e8c08ab465763fd098d45dd3ff893f663c25d325c18c6a9453e194e120849a4870b66cc6b9965330013b4898dc856a4699e523a55db080b59ec3a8e4b7e52775b07d1db34ed9c538ab50c551b874aa269add047ad2d5913ac19b7cfbad4a6"
        },
        {
            "90d382b410eeba7ad938c46cec1a82bf", 0x4321, 8, "69d08df7d203329db093fc4924e5bd80",
            "0800b5e8a80a0500a69c083d0b660e00777777777777777777777777",
            IpProtocol.Icmp,
            "000043210000000869d08df7d203329db093fc4924e5bd80f51995881ec4e0c4488987ce742e8109689bb379d2d750c0d915dca346a89f75"
        },
        {
            "0123456789abcdef0123456789abcdef", 0x8765, 2, "f4e765244f6407adf13dc1380f673f37",
            "45000054090400004001f988c0a87b03c0a87bc808009f76a90a0100b49c083d02a2040008090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            IpProtocol.IPv4,
            "0000876500000002f4e765244f6407adf13dc1380f673f37773b5241a4c449225e4f3ce5ed611b0c237ca96cf74a93013c1b0ea1a0cf70f8e4ecaec78ac53aad7a0f022b859243c647752e94a859352b8a4d4d2decd136e5c177f132ad3fbfb2201ac9904c74ee0a109e0ca1e4dfe9d5a100b842f1c22f0d"
        },
        {
            "0123456789abcdef0123456789abcdef", 0x8765, 5, "85d47224b5f3dd5d2101d4ea8dffab22",
            "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            IpProtocol.IPv4,
            "000087650000000585d47224b5f3dd5d2101d4ea8dffab2215b92683819596a8047232cc00f7048fe45318e11f8a0f62ede3c3fc61203bb50f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed971ef3d2726d9b5ef6affc6d17a0decbb13892"
        },
    };

    public static TheoryData<string, string> AllSuites
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var encryption in AlgorithmCatalog.EncryptionAlgorithms)
            {
                foreach (var integrity in AlgorithmCatalog.AuthAlgorithms)
                {
                    data.Add(encryption.ApiName, integrity.ApiName);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rfc3602EspCases))]
    public void Protect_produces_the_rfc3602_ciphertext(
        string key, uint spi, uint sequence, string iv, string payload, byte nextHeader, string expected)
    {
        var integrityKey = new byte[32];
        using var sa = EspSa.CreateOutbound(
            spi, AlgorithmCatalog.Aes128, Hex.Parse(key), AlgorithmCatalog.Sha256, integrityKey, new ScriptedRandomSource(Hex.Parse(iv)));
        sa.SetLastSequenceNumberSent(sequence - 1);

        var result = sa.Protect(Hex.Parse(payload), nextHeader);

        Assert.True(result.IsSuccess);
        Assert.Equal(sequence, result.SequenceNumber);
        Assert.Equal(expected, Hex.Of(result.Packet.AsSpan(0, result.Packet!.Length - 16)));
        using var integrity = HmacIntegrity.Create(AlgorithmCatalog.Sha256, integrityKey);
        Assert.True(integrity.VerifyIcv(Hex.Parse(expected), result.Packet.AsSpan(result.Packet.Length - 16)));
    }

    [Theory]
    [MemberData(nameof(Rfc3602EspCases))]
    public void Unprotect_recovers_the_rfc3602_payload(
        string key, uint spi, uint sequence, string iv, string payload, byte nextHeader, string packet)
    {
        _ = iv;
        var integrityKey = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        using var integrity = HmacIntegrity.Create(AlgorithmCatalog.Sha1, integrityKey);
        var withIcv = AppendIcv(Hex.Parse(packet), integrity);
        using var sa = EspSa.CreateInbound(spi, AlgorithmCatalog.Aes128, Hex.Parse(key), AlgorithmCatalog.Sha1, integrityKey);

        var result = sa.Unprotect(withIcv);

        Assert.Equal(EspUnprotectStatus.Success, result.Status);
        Assert.Equal(payload, Hex.Of(result.Payload));
        Assert.Equal(nextHeader, result.NextHeader);
        Assert.Equal(sequence, result.SequenceNumber);
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Every_cipher_and_integrity_round_trips(string encryptionName, string integrityName)
    {
        var encryption = AlgorithmCatalog.FindEncryption(encryptionName)!;
        var integrity = AlgorithmCatalog.FindAuth(integrityName)!;
        var (outbound, inbound) = Pair(encryption, integrity);
        using (outbound)
        using (inbound)
        {
            foreach (var length in new[] { 0, 1, 13, 14, 15, 16, 17, 84, 1400 })
            {
                var payload = RandomNumberGenerator.GetBytes(length);

                var packet = outbound.Protect(payload).Packet!;
                var result = inbound.Unprotect(packet);

                Assert.Equal(outbound.GetProtectedLength(length), packet.Length);
                Assert.Equal(0, (packet.Length - EspSa.HeaderLength - encryption.IvLength - integrity.IcvLength) % encryption.BlockSize);
                Assert.Equal(EspUnprotectStatus.Success, result.Status);
                Assert.Equal(payload, result.Payload);
                Assert.Equal(IpProtocol.IPv4, result.NextHeader);
            }

            Assert.Equal(9u, outbound.LastSequenceNumber);
            Assert.Equal(9u, inbound.LastSequenceNumber);
        }
    }

    [Fact]
    public void Sas_keyed_from_child_sa_keymat_talk_to_each_other()
    {
        // The initiator's outbound SA and the responder's inbound SA use the initiator-to-responder keys (RFC 7296 §2.17).
        var suite = new ChildSaSuite(AlgorithmCatalog.Aes256, AlgorithmCatalog.Sha512);
        using var keys = KeyMaterialV2.DeriveChildSaKeys(
            new HmacPrf(AlgorithmCatalog.Sha256), new byte[32], suite, [], new byte[16], new byte[16]);
        using var initiatorOut = EspSa.CreateOutbound(
            Spi, suite.Encryption, keys.InitiatorToResponderEncryptionKey, suite.Integrity, keys.InitiatorToResponderIntegrityKey);
        using var responderIn = EspSa.CreateInbound(
            Spi, suite.Encryption, keys.InitiatorToResponderEncryptionKey, suite.Integrity, keys.InitiatorToResponderIntegrityKey);
        using var wrongKeys = EspSa.CreateInbound(
            Spi, suite.Encryption, keys.ResponderToInitiatorEncryptionKey, suite.Integrity, keys.ResponderToInitiatorIntegrityKey);

        var packet = initiatorOut.Protect("hello"u8).Packet!;

        Assert.Equal("hello"u8.ToArray(), responderIn.Unprotect(packet).Payload);
        Assert.Equal(EspUnprotectStatus.IntegrityCheckFailed, wrongKeys.Unprotect(packet).Status);
    }

    [Theory]
    [InlineData("SPI", 0, EspUnprotectStatus.UnknownSpi)]
    [InlineData("sequence number", 7, EspUnprotectStatus.IntegrityCheckFailed)]
    [InlineData("IV", 8, EspUnprotectStatus.IntegrityCheckFailed)]
    [InlineData("ciphertext", 30, EspUnprotectStatus.IntegrityCheckFailed)]
    [InlineData("last ciphertext byte", -17, EspUnprotectStatus.IntegrityCheckFailed)]
    [InlineData("ICV", -1, EspUnprotectStatus.IntegrityCheckFailed)]
    public void Tampered_packet_is_dropped_and_does_not_move_the_window(string region, int offset, EspUnprotectStatus expected)
    {
        _ = region;
        var (outbound, inbound) = Pair(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha256);
        using (outbound)
        using (inbound)
        {
            var packet = outbound.Protect(new byte[40]).Packet!;
            var tampered = (byte[])packet.Clone();
            tampered[offset >= 0 ? offset : tampered.Length + offset] ^= 0x80;

            Assert.Equal(expected, inbound.Unprotect(tampered).Status);
            Assert.Equal(0u, inbound.LastSequenceNumber);
            Assert.Equal(EspUnprotectStatus.Success, inbound.Unprotect(packet).Status);
        }
    }

    [Fact]
    public void Replayed_packet_is_rejected()
    {
        var (outbound, inbound) = Pair(AlgorithmCatalog.TripleDes, AlgorithmCatalog.Sha1);
        using (outbound)
        using (inbound)
        {
            var first = outbound.Protect([1]).Packet!;
            Assert.Equal(EspUnprotectStatus.Success, inbound.Unprotect(first).Status);

            Assert.Equal(EspUnprotectStatus.Replayed, inbound.Unprotect(first).Status);

            for (var i = 0; i < 64; i++)
            {
                Assert.True(inbound.Unprotect(outbound.Protect([2]).Packet!).IsSuccess);
            }

            Assert.Equal(EspUnprotectStatus.OutsideReplayWindow, inbound.Unprotect(first).Status);
        }
    }

    [Fact]
    public void Out_of_order_packets_inside_the_window_are_accepted_once()
    {
        var (outbound, inbound) = Pair(AlgorithmCatalog.Aes192, AlgorithmCatalog.Sha384);
        using (outbound)
        using (inbound)
        {
            var packets = Enumerable.Range(0, 5).Select(i => outbound.Protect([(byte)i]).Packet!).ToArray();

            foreach (var index in new[] { 4, 0, 2, 1, 3 })
            {
                Assert.Equal([(byte)index], inbound.Unprotect(packets[index]).Payload!);
            }

            Assert.All(packets, p => Assert.Equal(EspUnprotectStatus.Replayed, inbound.Unprotect(p).Status));
        }
    }

    [Fact]
    public void Sender_stops_before_the_sequence_number_cycles()
    {
        var (outbound, inbound) = Pair(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha256);
        using (outbound)
        using (inbound)
        {
            outbound.SetLastSequenceNumberSent(uint.MaxValue - 1);

            var last = outbound.Protect([1]);
            var refused = outbound.Protect([2]);

            Assert.True(last.IsSuccess);
            Assert.Equal(uint.MaxValue, last.SequenceNumber);
            Assert.Equal(EspProtectStatus.SequenceNumberExhausted, refused.Status);
            Assert.Null(refused.Packet);
            Assert.Equal(EspProtectStatus.SequenceNumberExhausted, outbound.TryProtect([3], new byte[100], out var written));
            Assert.Equal(0, written);
            Assert.True(inbound.Unprotect(last.Packet!).IsSuccess);
        }
    }

    [Theory]
    [InlineData("empty", 0)]
    [InlineData("header only", 8)]
    [InlineData("no ciphertext", 8 + 16 + 16)]
    [InlineData("half a block", 8 + 16 + 8 + 16)]
    [InlineData("one byte short of a block", 8 + 16 + 15 + 16)]
    public void Short_or_misaligned_packets_are_malformed(string name, int length)
    {
        _ = name;
        var (outbound, inbound) = Pair(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha256);
        using (outbound)
        using (inbound)
        {
            var packet = new byte[length];
            if (length >= 4)
            {
                packet[2] = 0x12; // our SPI's bytes don't matter: length is checked first
            }

            Assert.Equal(EspUnprotectStatus.Malformed, inbound.Unprotect(packet).Status);
        }
    }

    [Theory]
    [InlineData("pad length beyond the payload", "00000000000000000000000000000e04")]
    [InlineData("padding not 1, 2, 3", "00000000000000000000000001030204")]
    [InlineData("zero padding", "00000000000000000000000000000304")]
    public void Authentic_packet_with_a_wrong_trailer_is_bad_padding(string name, string plaintextHex)
    {
        _ = name;
        var encryptionKey = new byte[16];
        var integrityKey = new byte[32];
        using var inbound = EspSa.CreateInbound(Spi, AlgorithmCatalog.Aes128, encryptionKey, AlgorithmCatalog.Sha256, integrityKey);
        var packet = Craft(Spi, 1, AlgorithmCatalog.Aes128, encryptionKey, integrityKey, Hex.Parse(plaintextHex));

        Assert.Equal(EspUnprotectStatus.BadPadding, inbound.Unprotect(packet).Status);
        Assert.Equal(1u, inbound.LastSequenceNumber); // authentic, so its number is used up
    }

    [Fact]
    public void Dummy_packet_is_discarded()
    {
        var (outbound, inbound) = Pair(AlgorithmCatalog.Aes128, AlgorithmCatalog.Md5);
        using (outbound)
        using (inbound)
        {
            var dummy = outbound.Protect(new byte[10], IpProtocol.NoNextHeader).Packet!;

            Assert.Equal(EspUnprotectStatus.DummyPacket, inbound.Unprotect(dummy).Status);
        }
    }

    [Fact]
    public void Direction_is_fixed_and_reserved_spis_are_refused()
    {
        var (outbound, inbound) = Pair(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha256);
        using (outbound)
        using (inbound)
        {
            Assert.Throws<InvalidOperationException>(() => inbound.Protect([1]));
            Assert.Throws<InvalidOperationException>(() => outbound.Unprotect(new byte[64]));
            Assert.Equal(EspDirection.Outbound, outbound.Direction);
            Assert.Equal(EspDirection.Inbound, inbound.Direction);
        }

        Assert.Throws<ArgumentOutOfRangeException>(
            () => EspSa.CreateInbound(0, AlgorithmCatalog.Aes128, new byte[16], AlgorithmCatalog.Sha256, new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => EspSa.CreateOutbound(255, AlgorithmCatalog.Aes128, new byte[16], AlgorithmCatalog.Sha256, new byte[32]));
    }

    private static (EspSa Outbound, EspSa Inbound) Pair(EncryptionAlgorithm encryption, AuthAlgorithm integrity)
    {
        var encryptionKey = RandomNumberGenerator.GetBytes(encryption.KeyLength);
        var integrityKey = RandomNumberGenerator.GetBytes(integrity.IntegrityKeyLength);
        return (
            EspSa.CreateOutbound(Spi, encryption, encryptionKey, integrity, integrityKey),
            EspSa.CreateInbound(Spi, encryption, encryptionKey, integrity, integrityKey));
    }

    private static byte[] AppendIcv(byte[] packet, HmacIntegrity integrity)
    {
        var withIcv = new byte[packet.Length + integrity.IcvLength];
        packet.CopyTo(withIcv, 0);
        integrity.ComputeIcv(packet, withIcv.AsSpan(packet.Length));
        return withIcv;
    }

    // An ESP packet built by hand around an arbitrary decrypted trailer, with a valid ICV.
    private static byte[] Craft(uint spi, uint sequence, EncryptionAlgorithm encryption, byte[] encryptionKey, byte[] integrityKey, byte[] plaintext)
    {
        var packet = new byte[EspSa.HeaderLength + encryption.IvLength + plaintext.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet, spi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence);
        using var cipher = PlatformCbcCipher.Create(encryption, encryptionKey);
        cipher.Encrypt(packet.AsSpan(8, encryption.IvLength), plaintext, packet.AsSpan(8 + encryption.IvLength));
        using var integrity = HmacIntegrity.Create(AlgorithmCatalog.Sha256, integrityKey);
        return AppendIcv(packet, integrity);
    }
}
