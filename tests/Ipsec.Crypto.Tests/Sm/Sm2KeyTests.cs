using System.Security.Cryptography;
using Ipsec.Crypto.Sm;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Sm;

public class Sm2KeyTests
{
    // n of sm2p256v1 (GB/T 32918.5-2017 §3).
    private const string N = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123";
    private const string NMinusOne = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122";
    private const string NMinusTwo = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54121";

    [Theory]
    [InlineData("zero", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("n - 1", NMinusOne)]
    [InlineData("n", N)]
    [InlineData("31 bytes", "01000000000000000000000000000000000000000000000000000000000000")]
    public void Scalars_outside_1_to_n_minus_2_are_refused(string reason, string d)
    {
        Assert.Throws<ArgumentException>(() => Sm2PrivateKey.FromScalar(Hex.Parse(d)));
        _ = reason;
    }

    [Fact]
    public void Scalars_at_the_ends_of_the_range_are_keys()
    {
        var one = Sm2PrivateKey.FromScalar(Hex.Parse("0000000000000000000000000000000000000000000000000000000000000001"));
        var last = Sm2PrivateKey.FromScalar(Hex.Parse(NMinusTwo));

        // [1]G is the generator of GB/T 32918.5-2017 §3.
        Assert.Equal(
            "0432c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0",
            Hex.Of(one.PublicKey.ExportEncodedPoint()));
        Assert.NotEqual(one.PublicKey, last.PublicKey);
    }

    [Fact]
    public void Generation_draws_again_when_the_scalar_is_out_of_range()
    {
        var random = new FixedRandomSource(Hex.Parse(NMinusOne), Hex.Parse(Sm2Vectors.RecommendedPrivateKey));

        var key = Sm2PrivateKey.Generate(random);

        Assert.Equal(Sm2Vectors.RecommendedPublicKey, Hex.Of(key.PublicKey.ExportEncodedPoint()));
        Assert.DoesNotContain(Sm2Vectors.RecommendedPrivateKey, key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    // Hostile point encodings read false, never throw: name, hex.
    [Theory]
    [InlineData("empty", "")]
    [InlineData("infinity", "00")]
    [InlineData("compressed form", "0209f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020")]
    [InlineData("hybrid prefix", "0609f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13")]
    [InlineData("y off by one", "0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad14")]
    [InlineData("x beyond p", "04ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13")]
    [InlineData("one byte short", "0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad")]
    public void Bad_points_are_refused(string reason, string encoded)
    {
        Assert.False(Sm2PublicKey.TryFromEncodedPoint(Hex.Parse(encoded), out var key), reason);
        Assert.Null(key);
    }

    [Fact]
    public void SubjectPublicKeyInfo_round_trips_and_other_curves_are_refused()
    {
        var key = Sm2Vectors.Recommended.PublicKey;

        var spki = key.ExportSubjectPublicKeyInfo();

        Assert.True(Sm2PublicKey.TryFromSubjectPublicKeyInfo(spki, out var read));
        Assert.Equal(key, read);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(Sm2PublicKey.TryFromSubjectPublicKeyInfo(p256.ExportSubjectPublicKeyInfo(), out _));
        using var rsa = RSA.Create(2048);
        Assert.False(Sm2PublicKey.TryFromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), out _));
        Assert.False(Sm2PublicKey.TryFromSubjectPublicKeyInfo(spki.AsSpan(0, spki.Length - 1), out _));
        Assert.False(Sm2PublicKey.TryFromSubjectPublicKeyInfo([.. spki, 0], out _));
        Assert.False(Sm2PublicKey.TryFromSubjectPublicKeyInfo([], out _));
    }

    [Fact]
    public void SubjectPublicKeyInfo_built_in_memory_is_read_too()
    {
        // BouncyCastle wraps the curve OID in X962Parameters until the structure is encoded and parsed again.
        var key = Sm2Vectors.Recommended.PublicKey;
        var info = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key.Parameters);

        Assert.True(Sm2PublicKey.TryFromSubjectPublicKeyInfo(info, out var read));
        Assert.Equal(key, read);
    }

    [Fact]
    public void Encrypted_pkcs8_round_trips_under_the_password_only()
    {
        var key = Sm2Vectors.Recommended;

        var pem = Sm2PrivateKeyPem.ExportEncrypted(key, "correct horse", iterations: 1000);

        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", pem);
        Assert.True(Sm2PrivateKeyPem.TryImportEncrypted(pem, "correct horse", out var read));
        Assert.Equal(key.PublicKey, read.PublicKey);
        Assert.False(Sm2PrivateKeyPem.TryImportEncrypted(pem, "wrong horse", out _));
    }

    // 100,000 PBKDF2 rounds each way: about a second.
    [Fact]
    [Trait("Category", "Slow")]
    public void Encrypted_pkcs8_with_the_default_iterations_round_trips()
    {
        var key = Sm2PrivateKey.Generate();

        var pem = Sm2PrivateKeyPem.ExportEncrypted(key, "a random key the control plane keeps");

        Assert.True(Sm2PrivateKeyPem.TryImportEncrypted(pem, "a random key the control plane keeps", out var read));
        Assert.Equal(key.PublicKey, read.PublicKey);
    }

    [Fact]
    public void Openssl_encrypted_pkcs8_is_read()
    {
        Assert.True(Sm2PrivateKeyPem.TryImportEncrypted(Sm2Vectors.OpenSslEncryptedKeyPem, Sm2Vectors.OpenSslPassword, out var key));

        Assert.Equal(Sm2Vectors.OpenSslPublicKey, Hex.Of(key.PublicKey.ExportEncodedPoint()));
    }

    [Fact]
    public void Import_refuses_what_is_not_an_encrypted_sm2_key()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p256Pem = p256.ExportEncryptedPkcs8PrivateKeyPem(
            "pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        Assert.False(Sm2PrivateKeyPem.TryImportEncrypted(p256Pem, "pw", out _));
        Assert.False(Sm2PrivateKeyPem.TryImportEncrypted("", "pw", out _));
        Assert.False(Sm2PrivateKeyPem.TryImportEncrypted("not pem at all", "pw", out _));
        Assert.False(Sm2PrivateKeyPem.TryImportEncrypted(p256.ExportPkcs8PrivateKeyPem(), "pw", out _));
        Assert.False(Sm2PrivateKeyPem.TryImportEncrypted("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", "pw", out _));
    }

    [Fact]
    public void Export_needs_a_password_and_enough_iterations()
    {
        Assert.Throws<ArgumentException>(() => Sm2PrivateKeyPem.ExportEncrypted(Sm2Vectors.Recommended, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sm2PrivateKeyPem.ExportEncrypted(Sm2Vectors.Recommended, "pw", iterations: 999));
    }
}
