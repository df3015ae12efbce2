using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Sm;
using Ipsec.Esp.Packets;
using Ipsec.Esp.Sa;
using Ipsec.Esp.Tests.TestSupport;

namespace Ipsec.Esp.Tests.Sa;

/// <summary>
/// ESP with SM4-CBC and HMAC-SM3-128 (sm gateways; RFC 4303 packet layout, GB/T 32907 SM4, GB/T 32905 SM3): the
/// packet an SA writes is checked piece by piece with the SM primitives directly, not only by reading it back.
/// </summary>
public class EspSaSmTests
{
    private const uint Spi = 0x0badcafe;
    private static readonly byte[] EncryptionKey = Hex.Parse("0123456789abcdeffedcba9876543210");
    private static readonly byte[] IntegrityKey = Hex.Parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly byte[] Iv = Hex.Parse("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    [Fact]
    public void Protect_WritesSpiSequenceIvSm4CiphertextAndTruncatedHmacSm3()
    {
        using var outbound = EspSa.CreateOutbound(Spi, AlgorithmCatalog.Sm4, EncryptionKey, AlgorithmCatalog.Sm3, IntegrityKey, new ScriptedRandomSource(Iv));
        byte[] payload = Hex.Parse("45000054000040004001f6a40a0100010a020001");

        byte[] packet = outbound.Protect(payload, IpProtocol.IPv4).Packet!;

        // SPI | Sequence Number | IV | ciphertext (2 SM4 blocks: 20 + 10 padding + 2) | ICV (16 of HMAC-SM3's 32 bytes)
        Assert.Equal(8 + 16 + 32 + 16, packet.Length);
        Assert.Equal("0badcafe00000001", Hex.Of(packet.AsSpan(0, 8)));
        Assert.Equal(Hex.Of(Iv), Hex.Of(packet.AsSpan(8, 16)));
        byte[] expectedIcv = HmacSm3.HashData(IntegrityKey, packet.AsSpan(0, packet.Length - 16))[..16];
        Assert.Equal(Hex.Of(expectedIcv), Hex.Of(packet.AsSpan(packet.Length - 16)));
        using var sm4 = Sm4CbcCipher.Create(AlgorithmCatalog.Sm4, EncryptionKey);
        var plaintext = new byte[32];
        sm4.Decrypt(Iv, packet.AsSpan(24, 32), plaintext);
        // RFC 4303 §2.4 default padding 1, 2, 3, ...; then Pad Length and Next Header
        Assert.Equal(Hex.Of(payload) + "0102030405060708090a" + "0a" + "04", Hex.Of(plaintext));
    }

    [Fact]
    public void Unprotect_ReadsWhatTheOtherEndProtected_AndRefusesATamperedPacket()
    {
        using var outbound = EspSa.CreateOutbound(Spi, AlgorithmCatalog.Sm4, EncryptionKey, AlgorithmCatalog.Sm3, IntegrityKey);
        using var inbound = EspSa.CreateInbound(Spi, AlgorithmCatalog.Sm4, EncryptionKey, AlgorithmCatalog.Sm3, IntegrityKey);
        byte[] packet = outbound.Protect("national crypto"u8, IpProtocol.IPv4).Packet!;
        byte[] tampered = (byte[])packet.Clone();
        tampered[30] ^= 1;

        // the tampered copy first: once the genuine packet is in, its sequence number would count as a replay (RFC 4303 §3.4.3)
        Assert.Equal(EspUnprotectStatus.IntegrityCheckFailed, inbound.Unprotect(tampered).Status);
        EspUnprotectResult result = inbound.Unprotect(packet);

        Assert.Equal(EspUnprotectStatus.Success, result.Status);
        Assert.Equal("national crypto"u8.ToArray(), result.Payload);
    }
}
