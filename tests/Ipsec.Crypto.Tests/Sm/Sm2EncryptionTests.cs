using System.Text;
using Ipsec.Crypto.Sm;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Sm;

public class Sm2EncryptionTests
{
    private static readonly byte[] EncryptionStandard = "encryption standard"u8.ToArray();

    // GB/T 32918.5-2017 Annex C on sm2p256v1, in the three layouts.
    [Theory]
    [InlineData(Sm2CiphertextFormat.Der, Sm2Vectors.RecommendedCipherDer)]
    [InlineData(Sm2CiphertextFormat.C1C3C2, Sm2Vectors.RecommendedC1 + Sm2Vectors.RecommendedC3 + Sm2Vectors.RecommendedC2)]
    [InlineData(Sm2CiphertextFormat.C1C2C3, Sm2Vectors.RecommendedC1 + Sm2Vectors.RecommendedC2 + Sm2Vectors.RecommendedC3)]
    public void Encryption_with_the_annex_k_matches_gbt32918_5_annex_c(Sm2CiphertextFormat format, string expected)
    {
        var key = Sm2Vectors.Recommended;

        var ciphertext = Sm2Encryption.Encrypt(key.PublicKey, EncryptionStandard, format, new FixedRandomSource(Hex.Parse(Sm2Vectors.RecommendedK)));

        Assert.Equal(expected, Hex.Of(ciphertext));
        Assert.True(Sm2Encryption.TryDecrypt(key, ciphertext, out var plaintext, format));
        Assert.Equal(EncryptionStandard, plaintext);
    }

    // GB/T 32918.4-2016 Annex A on the example curve, C = C1 || C3 || C2 as that standard writes it.
    [Fact]
    public void Encryption_on_the_example_curve_matches_gbt32918_4_annex_a()
    {
        var recipient = Sm2PrivateKey.FromScalar(Hex.Parse(Sm2Vectors.ExampleRecipientPrivateKey), Sm2Vectors.ExampleCurve);

        var ciphertext = Sm2Encryption.Encrypt(
            recipient.PublicKey, EncryptionStandard, Sm2CiphertextFormat.C1C3C2, new FixedRandomSource(Hex.Parse(Sm2Vectors.ExampleEncryptionK)));

        Assert.Equal(Sm2Vectors.ExampleC1 + Sm2Vectors.ExampleC3 + Sm2Vectors.ExampleC2, Hex.Of(ciphertext));
        Assert.True(Sm2Encryption.TryDecrypt(recipient, ciphertext, out var plaintext, Sm2CiphertextFormat.C1C3C2));
        Assert.Equal(EncryptionStandard, plaintext);
    }

    [Fact]
    public void Openssl_ciphertext_decrypts()
    {
        var key = Sm2PrivateKey.FromScalar(Hex.Parse(Sm2Vectors.OpenSslPrivateKey));

        Assert.True(Sm2Encryption.TryDecrypt(key, Hex.Parse(Sm2Vectors.OpenSslCipherDer), out var plaintext));
        Assert.Equal(Sm2Vectors.OpenSslPlaintext, Encoding.ASCII.GetString(plaintext));
    }

    [Theory]
    [InlineData(Sm2CiphertextFormat.Der)]
    [InlineData(Sm2CiphertextFormat.C1C3C2)]
    [InlineData(Sm2CiphertextFormat.C1C2C3)]
    public void Fresh_keys_round_trip_and_every_changed_byte_is_refused(Sm2CiphertextFormat format)
    {
        var key = Sm2PrivateKey.Generate();
        var symmetricKey = Enumerable.Range(0, 16).Select(i => (byte)(i * 11)).ToArray();

        var ciphertext = Sm2Encryption.Encrypt(key.PublicKey, symmetricKey, format);

        Assert.True(Sm2Encryption.TryDecrypt(key, ciphertext, out var plaintext, format));
        Assert.Equal(symmetricKey, plaintext);
        Assert.False(Sm2Encryption.TryDecrypt(Sm2PrivateKey.Generate(), ciphertext, out _, format));
        for (var i = 0; i < ciphertext.Length; i++)
        {
            var changed = (byte[])ciphertext.Clone();
            changed[i] ^= 0x01;
            Assert.False(Sm2Encryption.TryDecrypt(key, changed, out _, format), $"byte {i} changed");
        }
    }

    [Fact]
    public void A_ciphertext_read_in_the_other_order_is_refused()
    {
        var key = Sm2Vectors.Recommended;
        var c1c2c3 = Sm2Encryption.Encrypt(key.PublicKey, EncryptionStandard, Sm2CiphertextFormat.C1C2C3);

        Assert.False(Sm2Encryption.TryDecrypt(key, c1c2c3, out _, Sm2CiphertextFormat.C1C3C2));
        Assert.False(Sm2Encryption.TryDecrypt(key, c1c2c3, out _, Sm2CiphertextFormat.Der));
    }

    // Hostile SM2Cipher DER reads false, never throws: name, DER hex (built around the Annex C parts).
    public static TheoryData<string, string> MalformedDer => new()
    {
        { "empty", "" },
        { "not a sequence", "0420" + Sm2Vectors.RecommendedC3 },
        { "truncated", Sm2Vectors.RecommendedCipherDer[..100] },
        { "trailing byte", Sm2Vectors.RecommendedCipherDer + "00" },
        { "negative x", "307c0220" + "f4ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73" + Sm2Vectors.RecommendedCipherDer[72..] },
        { "x of 33 bytes", "307d0221" + "0104ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73" + Sm2Vectors.RecommendedCipherDer[72..] },
        { "hash of 31 bytes", "307b" + Sm2Vectors.RecommendedCipherDer[4..144] + "041f" + Sm2Vectors.RecommendedC3[2..] + "0413" + Sm2Vectors.RecommendedC2 },
        { "empty cipher text", "306b" + Sm2Vectors.RecommendedCipherDer[4..144] + "0420" + Sm2Vectors.RecommendedC3 + "0400" },
        { "extra element", "307f" + Sm2Vectors.RecommendedCipherDer[4..] + "0101ff" },
        { "point not on the curve", "307c0220" + "04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a74" + Sm2Vectors.RecommendedCipherDer[72..] },
    };

    [Theory]
    [MemberData(nameof(MalformedDer))]
    public void Malformed_sm2cipher_der_is_refused(string reason, string der)
    {
        Assert.False(Sm2Encryption.TryDecrypt(Sm2Vectors.Recommended, Hex.Parse(der), out var plaintext), reason);
        Assert.Null(plaintext);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("only C1 and C3", Sm2Vectors.RecommendedC1 + Sm2Vectors.RecommendedC3)]
    [InlineData("compressed C1", "03" + "04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73" + Sm2Vectors.RecommendedC3 + Sm2Vectors.RecommendedC2)]
    public void Malformed_raw_ciphertexts_are_refused(string reason, string raw)
    {
        Assert.False(Sm2Encryption.TryDecrypt(Sm2Vectors.Recommended, Hex.Parse(raw), out _, Sm2CiphertextFormat.C1C3C2), reason);
    }

    [Fact]
    public void Empty_plaintext_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Sm2Encryption.Encrypt(Sm2Vectors.Recommended.PublicKey, []));
    }
}
