using Ipsec.Crypto.Sm;
using Ipsec.Crypto.Tests.TestSupport;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Ipsec.Crypto.Tests.Sm;

/// <summary>
/// Published SM2 examples and interop fixtures, with where each comes from.
/// </summary>
internal static class Sm2Vectors
{
    // ---- GB/T 32918.5-2017 (and GM/T 0003.5-2012) Annex A and C: the recommended curve sm2p256v1 ----

    public const string RecommendedPrivateKey = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";

    public const string RecommendedPublicKey =
        "04" + "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
        + "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";

    /// <summary>The same k serves the signature (Annex A) and the encryption (Annex C) example.</summary>
    public const string RecommendedK = "59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21";

    /// <summary>Z_A for the default id "1234567812345678".</summary>
    public const string RecommendedZ = "b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3";

    /// <summary>e = SM3(Z_A || "message digest").</summary>
    public const string RecommendedE = "f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640";

    public const string RecommendedSignature =
        "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
        + "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";

    /// <summary>Annex C, "encryption standard": C1 (x1, y1), C3, C2.</summary>
    public const string RecommendedC1 =
        "04" + "04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73"
        + "e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0";

    public const string RecommendedC3 = "59983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766";

    public const string RecommendedC2 = "21886ca989ca9c7d58087307ca93092d651efa";

    /// <summary>The Annex C ciphertext as GM/T 0009 SM2Cipher DER (as OpenSSL writes it).</summary>
    public const string RecommendedCipherDer =
        "307c" + "0220" + "04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73"
        + "022100" + "e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0"
        + "0420" + RecommendedC3 + "0413" + RecommendedC2;

    // ---- GB/T 32918.2-2016 and GB/T 32918.4-2016 Annex A: the 256-bit example curve over F_p ----

    public static ECDomainParameters ExampleCurve { get; } = CreateExampleCurve();

    public const string ExampleSignerPrivateKey = "128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263";
    public const string ExampleSignerId = "ALICE123@YAHOO.COM";
    public const string ExampleSignatureK = "6cb28d99385c175c94f94e934817663fc176d925dd72b727260dbaae1fb2f96f";

    public const string ExampleSignature =
        "40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1"
        + "6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7";

    public const string ExampleRecipientPrivateKey = "1649ab77a00637bd5e2efe283fbf353534aa7f7cb89463f208ddbc2920bb0da0";
    public const string ExampleEncryptionK = "4c62eefd6ecfc2b95b92fd6c3d9575148afa17425546d49018e5388d49dd7b4f";

    public const string ExampleC1 =
        "04" + "245c26fb68b1ddddb12c4b6bf9f2b6d5fe60a383b0d18d1c4144abf17f6252e7"
        + "76cb9264c2a7e88e52b19903fdc47378f605e36811f5c07423a24b84400f01b8";

    public const string ExampleC3 = "9c3d7360c30156fab7c80a0276712da9d8094a634b766d3a285e07480653426d";
    public const string ExampleC2 = "650053a89b41c418b0c3aad00d886c00286467";

    // ---- Interop fixtures made with OpenSSL 3.0.19, an independent SM2 implementation ----
    // openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve
    // openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 2048 -passout pass:openssl-fixture-password
    // openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678   (message below)
    // openssl pkeyutl -encrypt -pubin                                              (plaintext below)

    public const string OpenSslPrivateKey = "1582c23e3a7da223506648d5b08ad0f36efbf6783df8e8c641b72c30c763efa3";

    public const string OpenSslPublicKey =
        "04" + "3f03c354f8189c6579f7135d7faf60c3a9e076a0cece24e9fe1f38f4e8300715"
        + "259195df4e71f3a6a05a92c595b3ad7f5b1eb6d6e8cca413364ed9a13fe2cd7c";

    public const string OpenSslPassword = "openssl-fixture-password";

    public const string OpenSslEncryptedKeyPem = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh7ad25lPjn/gICCAAw
        DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEDT0TPevaLvzQVJ4MmU1AgAEgZAf
        0ovxAyrW61nuA0yK0RLe6B1KO/hh/J2vVBBhDvTdFB8+MUjcgCo3y6pAe4U+v6SL
        6B+O/szy3CSDBD0Ee+LzowXt4bc0t2Rt2PYhwH9pZJFyDy/2LHgW1wnT4I2ZYjO1
        WFbP/pJ0q0YLofX79VSE52ofd5tu4Cq8LUdmbA2nvsXVpyBHk8nGCW1AqJInxZY=
        -----END ENCRYPTED PRIVATE KEY-----
        """;

    public const string OpenSslSignedMessage = "IpsecFunctions interop message";

    public const string OpenSslSignatureDer =
        "3044022046a5f7eed88a7b9c4bdc7e08bd32b2ed0dd92bdf986f18ecdd8d6b09eab095ed"
        + "022063650d9cb510a026c905f141a72b0ad5d731f382efcff3f6449a9aecf73a5ff6";

    public const string OpenSslPlaintext = "envelope key 0123";

    public const string OpenSslCipherDer =
        "307b022100bf1a3a3fffefbf40214948ec9d0417f8914a8f706118fb7f98d75445c6aaef93"
        + "022100dcd879c190391bdcd4a23af648f849c55021b9576c396782e1128fea7e931069"
        + "0420be28a4509435743df3be00cdfd059498d2ed5cdbd167f69c529ac8a1719242140411b14994a9cd13b5a2ada882edb20e31f9b7";

    public static Sm2PrivateKey Recommended => Sm2PrivateKey.FromScalar(Hex.Parse(RecommendedPrivateKey));

    private static ECDomainParameters CreateExampleCurve()
    {
        var p = new BigInteger("8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3", 16);
        var a = new BigInteger("787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498", 16);
        var b = new BigInteger("63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249a", 16);
        var n = new BigInteger("8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7", 16);
        var curve = new FpCurve(p, a, b, n, BigInteger.One);
        var g = curve.CreatePoint(
            new BigInteger("421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43d", 16),
            new BigInteger("0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2", 16));
        return new ECDomainParameters(curve, g, n);
    }
}
