using System.Text;
using Ipsec.Crypto.Sm;
using Ipsec.Crypto.Tests.TestSupport;
using Org.BouncyCastle.Asn1;

namespace Ipsec.Crypto.Tests.Sm;

public class Sm2SignatureTests
{
    private static readonly byte[] MessageDigest = "message digest"u8.ToArray();

    [Fact]
    public void Public_key_and_z_match_gbt32918_5_annex_a()
    {
        var key = Sm2Vectors.Recommended;

        Assert.Equal(Sm2Vectors.RecommendedPublicKey, Hex.Of(key.PublicKey.ExportEncodedPoint()));
        var z = Sm2Signature.ComputeZ(key.PublicKey, Sm2Signature.DefaultUserIdBytes);
        Assert.Equal(Sm2Vectors.RecommendedZ, Hex.Of(z));
        Assert.Equal(Sm2Vectors.RecommendedE, Hex.Of(Sm3Hash.HashData([.. z, .. MessageDigest])));
    }

    [Fact]
    public void Signature_with_the_annex_k_matches_gbt32918_5_annex_a()
    {
        var key = Sm2Vectors.Recommended;

        var plain = Sm2Signature.Sign(key, MessageDigest, Sm2SignatureEncoding.Plain, new FixedRandomSource(Hex.Parse(Sm2Vectors.RecommendedK)));
        var der = Sm2Signature.Sign(key, MessageDigest, random: new FixedRandomSource(Hex.Parse(Sm2Vectors.RecommendedK)));

        Assert.Equal(Sm2Vectors.RecommendedSignature, Hex.Of(plain));
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(der);
        Assert.Equal(Sm2Vectors.RecommendedSignature[..64], DerInteger.GetInstance(sequence[0]).Value.ToString(16));
        Assert.Equal(Sm2Vectors.RecommendedSignature[64..], DerInteger.GetInstance(sequence[1]).Value.ToString(16));
        Assert.True(Sm2Signature.Verify(key.PublicKey, MessageDigest, plain, Sm2SignatureEncoding.Plain));
        Assert.True(Sm2Signature.Verify(key.PublicKey, MessageDigest, der));
    }

    [Fact]
    public void Signature_on_the_example_curve_matches_gbt32918_2_annex_a()
    {
        var key = Sm2PrivateKey.FromScalar(Hex.Parse(Sm2Vectors.ExampleSignerPrivateKey), Sm2Vectors.ExampleCurve);
        var id = Encoding.ASCII.GetBytes(Sm2Vectors.ExampleSignerId);

        var signature = Sm2Signature.Sign(
            key, MessageDigest, id, Sm2SignatureEncoding.Plain, new FixedRandomSource(Hex.Parse(Sm2Vectors.ExampleSignatureK)));

        Assert.Equal(Sm2Vectors.ExampleSignature, Hex.Of(signature));
        Assert.True(Sm2Signature.Verify(key.PublicKey, MessageDigest, signature, id, Sm2SignatureEncoding.Plain));
        Assert.False(Sm2Signature.Verify(key.PublicKey, MessageDigest, signature, Sm2SignatureEncoding.Plain));
    }

    [Fact]
    public void Openssl_signature_with_the_default_id_verifies()
    {
        Assert.True(Sm2PublicKey.TryFromEncodedPoint(Hex.Parse(Sm2Vectors.OpenSslPublicKey), out var key));

        Assert.True(Sm2Signature.Verify(key, Encoding.ASCII.GetBytes(Sm2Vectors.OpenSslSignedMessage), Hex.Parse(Sm2Vectors.OpenSslSignatureDer)));
        Assert.False(Sm2Signature.Verify(key, "another message"u8, Hex.Parse(Sm2Vectors.OpenSslSignatureDer)));
    }

    [Theory]
    [InlineData(Sm2SignatureEncoding.Der)]
    [InlineData(Sm2SignatureEncoding.Plain)]
    public void Fresh_keys_sign_and_verify_and_reject_every_change(Sm2SignatureEncoding encoding)
    {
        var key = Sm2PrivateKey.Generate();
        var other = Sm2PrivateKey.Generate();
        var message = "IKE AUTH signed octets"u8.ToArray();

        var signature = Sm2Signature.Sign(key, message, encoding);

        Assert.True(Sm2Signature.Verify(key.PublicKey, message, signature, encoding));
        Assert.False(Sm2Signature.Verify(other.PublicKey, message, signature, encoding));
        Assert.False(Sm2Signature.Verify(key.PublicKey, [.. message, 0], signature, encoding));
        Assert.False(Sm2Signature.Verify(key.PublicKey, message, signature, "another id"u8, encoding));
        var flipped = (byte[])signature.Clone();
        flipped[^1] ^= 1;
        Assert.False(Sm2Signature.Verify(key.PublicKey, message, flipped, encoding));
    }

    // Hostile signature bytes read false, never throw: name, DER hex.
    [Theory]
    [InlineData("empty", "")]
    [InlineData("not a sequence", "020101")]
    [InlineData("truncated", "3044022046a5f7")]
    [InlineData("one integer", "3003020101")]
    [InlineData("three integers", "3009020101020101020101")]
    [InlineData("r is zero", "3006020100020101")]
    [InlineData("negative r", "30060201ff020101")]
    [InlineData("non-minimal r", "300702020001020101")]
    [InlineData("trailing byte", "300602010102010100")]
    [InlineData("indefinite length", "3080020101020101000000")]
    public void Malformed_der_signatures_are_false(string reason, string signature)
    {
        var key = Sm2Vectors.Recommended;

        Assert.False(Sm2Signature.Verify(key.PublicKey, MessageDigest, Hex.Parse(signature)), reason);
    }

    [Fact]
    public void Plain_signatures_of_the_wrong_length_are_false()
    {
        var key = Sm2Vectors.Recommended;
        var signature = Hex.Parse(Sm2Vectors.RecommendedSignature);

        Assert.False(Sm2Signature.Verify(key.PublicKey, MessageDigest, signature.AsSpan(0, 63), Sm2SignatureEncoding.Plain));
        Assert.False(Sm2Signature.Verify(key.PublicKey, MessageDigest, [.. signature, 0], Sm2SignatureEncoding.Plain));
        Assert.False(Sm2Signature.Verify(key.PublicKey, MessageDigest, new byte[64], Sm2SignatureEncoding.Plain));
    }

    [Fact]
    public void User_ids_longer_than_entl_allows_are_refused()
    {
        var key = Sm2Vectors.Recommended;
        var tooLong = new byte[Sm2Signature.MaxUserIdLength + 1];

        Assert.Equal(8191, Sm2Signature.MaxUserIdLength);
        Assert.Throws<ArgumentException>(() => Sm2Signature.ComputeZ(key.PublicKey, tooLong));
        Assert.Throws<ArgumentException>(() => Sm2Signature.Sign(key, MessageDigest, tooLong));
        Assert.Equal("1234567812345678", Encoding.ASCII.GetString(Sm2Signature.DefaultUserIdBytes));
        Assert.Equal(Sm2Signature.DefaultUserId, Encoding.ASCII.GetString(Sm2Signature.DefaultUserIdBytes));
    }
}
