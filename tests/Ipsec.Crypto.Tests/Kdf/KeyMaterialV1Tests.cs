using System.Buffers.Binary;
using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Kdf;

/// <summary>
/// IKEv1 key derivation (RFC 2409 §5, §5.5, Appendix B). The expected values were computed independently with python3's
/// hmac and hashlib; re-run with:
/// <code>
/// import hmac, hashlib, struct
/// def prf(k, d, h): return hmac.new(k, d, h).digest()
/// psk = b"vector-psk"; ni = bytes(range(0, 16)); nr = bytes(range(16, 48))
/// gxy = bytes((i*7+3) % 256 for i in range(128))
/// gxi = bytes((i*5+1) % 256 for i in range(128)); gxr = bytes((i*11+2) % 256 for i in range(128))
/// ci = bytes.fromhex('0102030405060708'); cr = bytes.fromhex('1112131415161718')
/// skeyid = prf(psk, ni + nr, h)
/// d = prf(skeyid, gxy + ci + cr + b'\0', h); a = prf(skeyid, d + gxy + ci + cr + b'\1', h); e = prf(skeyid, a + gxy + ci + cr + b'\2', h)
/// def expand(n):            # Appendix B
///     if len(e) >= n: return e[:n]
///     out, k = b'', b'\0'
///     while len(out) &lt; n: k = prf(e, k, h); out += k
///     return out[:n]
/// </code>
/// The quick mode snippets sit next to their vectors. One vector comes from strongSwan itself: HASH(1) of the quick mode
/// message charon sent in tests/Ike.Encoding.Tests/V1/StrongSwanIkev1Vectors.cs.
/// </summary>
public class KeyMaterialV1Tests
{
    private static readonly byte[] Psk = "vector-psk"u8.ToArray();
    private static readonly byte[] Ni = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nr = Enumerable.Range(16, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] SharedSecret = Enumerable.Range(0, 128).Select(i => (byte)(((i * 7) + 3) % 256)).ToArray();
    private static readonly byte[] PublicInitiator = Enumerable.Range(0, 128).Select(i => (byte)(((i * 5) + 1) % 256)).ToArray();
    private static readonly byte[] PublicResponder = Enumerable.Range(0, 128).Select(i => (byte)(((i * 11) + 2) % 256)).ToArray();
    private const ulong CookieI = 0x0102030405060708;
    private const ulong CookieR = 0x1112131415161718;

    // quick mode: qni = bytes(range(100, 120)); qnr = bytes(range(200, 232)); mid = 0x01020304
    private static readonly byte[] QuickNi = Enumerable.Range(100, 20).Select(i => (byte)i).ToArray();
    private static readonly byte[] QuickNr = Enumerable.Range(200, 32).Select(i => (byte)i).ToArray();
    private const uint MessageId = 0x01020304;

    [Theory]
    [InlineData("sha1", "7016a11ffe62bfc30fde79e9000a9c1187b29567", "e16adea3df9bccba7784f09617f9a7d2a499c901",
        "52e0a269e0fc2eb96538690b5d91f2447be89c1c", "14a5cb0d279edb46eabcaaa34e8b1c9aba5bc4dc")]
    [InlineData("md5", "1a352580652a187dd12495a917269161", "75285f565faddbc69adfd7fa486ce84f",
        "42bef45c0b6cff957e1708686861dd8e", "0a84583e082002d57dd9729d24fd71f7")]
    [InlineData("sha256", "56503ae9ad84b1337c7223cbc1127156a2e5cbcb24c6c298e7868341c4b9e54b",
        "4c364d4fd93dccf913d457b66a558155865d73b30a88dbca9ce472f1c946d898",
        "59166ae2af0e2e51819333189b8df29d44df203ae2adc6bf1c69cc9ac3831b9f",
        "5b59a6f9f062ce75ae65435f37b46d2b4ca76d5a1d9cfbde40f1d54120664739")]
    public void Skeyid_and_its_three_keys_match_python(string hash, string skeyid, string d, string a, string e)
    {
        var prf = new HmacPrf(AlgorithmCatalog.FindAuth(hash)!);

        using var computed = KeyMaterialV1.ComputeSkeyIdPsk(prf, Psk, Ni, Nr);
        using IsakmpSaKeys keys = KeyMaterialV1.DeriveIsakmpSaKeys(prf, AlgorithmCatalog.Aes128, computed.Span, SharedSecret, CookieI, CookieR);

        Assert.Equal(skeyid, Hex.Of(computed.Span));
        Assert.Equal(skeyid, Hex.Of(keys.SkeyId));
        Assert.Equal(d, Hex.Of(keys.SkeyIdD));
        Assert.Equal(a, Hex.Of(keys.SkeyIdA));
        Assert.Equal(e, Hex.Of(keys.SkeyIdE));
    }

    [Theory]
    // SKEYID_e long enough: the key is its first octets
    [InlineData("sha256", "aes", "5b59a6f9f062ce75ae65435f37b46d2b")]
    [InlineData("sha256", "aes256", "5b59a6f9f062ce75ae65435f37b46d2b4ca76d5a1d9cfbde40f1d54120664739")]
    [InlineData("sha1", "aes", "14a5cb0d279edb46eabcaaa34e8b1c9a")]
    // Appendix B expansion: K1 = prf(SKEYID_e, 0), K2 = prf(SKEYID_e, K1), ...
    [InlineData("sha1", "aes256", "5db9039534b19e95ff4c7014e23e01ffab67013bdf3c323efdb35c38a7c32cab")]
    [InlineData("sha1", "3des", "5db9039534b19e95ff4c7014e23e01ffab67013bdf3c323e")]
    [InlineData("md5", "3des", "b8c9db0f8fbf4f16c1a399579107720684edd8588def531c")]
    [InlineData("md5", "aes192", "b8c9db0f8fbf4f16c1a399579107720684edd8588def531c")]
    [InlineData("md5", "aes", "0a84583e082002d57dd9729d24fd71f7")]
    public void Cipher_key_comes_from_skeyid_e_expanded_when_too_short(string hash, string encryption, string key)
    {
        var prf = new HmacPrf(AlgorithmCatalog.FindAuth(hash)!);
        using var skeyid = KeyMaterialV1.ComputeSkeyIdPsk(prf, Psk, Ni, Nr);

        using IsakmpSaKeys keys = KeyMaterialV1.DeriveIsakmpSaKeys(prf, AlgorithmCatalog.FindEncryption(encryption)!, skeyid.Span, SharedSecret, CookieI, CookieR);

        Assert.Equal(key, Hex.Of(keys.EncryptionKey));
    }

    [Fact]
    public void Hash_i_and_hash_r_swap_the_public_values_and_cookies_and_keep_sai()
    {
        // sai = bytes.fromhex('00000001000000010000002c01010001'); idii = bytes.fromhex('01000000c0000201')
        // idir = bytes.fromhex('0100000020000202'); h = hashlib.sha256
        // prf(skeyid, gxi + gxr + ci + cr + sai + idii, h); prf(skeyid, gxr + gxi + cr + ci + sai + idir, h)
        var prf = new HmacPrf(AlgorithmCatalog.Sha256);
        using var skeyid = KeyMaterialV1.ComputeSkeyIdPsk(prf, Psk, Ni, Nr);
        byte[] sai = Hex.Parse("00000001000000010000002c01010001");

        byte[] hashI = KeyMaterialV1.ComputeHashI(prf, skeyid.Span, PublicInitiator, PublicResponder, CookieI, CookieR, sai, Hex.Parse("01000000c0000201"));
        byte[] hashR = KeyMaterialV1.ComputeHashR(prf, skeyid.Span, PublicInitiator, PublicResponder, CookieI, CookieR, sai, Hex.Parse("0100000020000202"));

        Assert.Equal("17d5dca8fb293e718a7232744412ecefcb0a0f5a06e63df1e0ed6e3bfa502acd", Hex.Of(hashI));
        Assert.Equal("2021d5ac666c8d1546ea552d993bd3c703ddc40aa4b40496fd8bdb80f2138dfb", Hex.Of(hashR));
    }

    [Fact]
    public void Phase1_iv_is_the_hash_of_both_public_values_truncated_to_the_block()
    {
        // hashlib.sha1(gxi + gxr).digest()[:16]; hashlib.md5(gxi + gxr).digest()[:8]
        Assert.Equal("834624d51c4097f1f3123786a6a55e5c", Hex.Of(KeyMaterialV1.ComputePhase1Iv(AlgorithmCatalog.Sha1, PublicInitiator, PublicResponder, 16)));
        Assert.Equal("7a07a5556360c95f", Hex.Of(KeyMaterialV1.ComputePhase1Iv(AlgorithmCatalog.Md5, PublicInitiator, PublicResponder, 8)));
    }

    [Fact]
    public void Phase2_iv_is_the_hash_of_the_last_phase1_block_and_the_message_id()
    {
        // hashlib.sha1(bytes.fromhex('c73fc64e7608785369f80e2b4da1be53') + struct.pack('>I', 0xc0f99990)).digest()[:16]
        byte[] iv = KeyMaterialV1.ComputePhase2Iv(AlgorithmCatalog.Sha1, Hex.Parse("c73fc64e7608785369f80e2b4da1be53"), 0xc0f99990, 16);

        Assert.Equal("2be766de2c95650386fcfb6c2e39bd56", Hex.Of(iv));
    }

    [Fact]
    public void Quick_mode_hashes_match_python()
    {
        // h = hashlib.sha1; a = SKEYID_a above; mid = struct.pack('>I', 0x01020304); rest = bytes.fromhex('0a00000c0102030405060708')
        // prf(a, mid + rest, h); prf(a, mid + qni + rest, h); prf(a, b'\0' + mid + qni + qnr, h)
        var prf = new HmacPrf(AlgorithmCatalog.Sha1);
        byte[] skeyidA = Hex.Parse("52e0a269e0fc2eb96538690b5d91f2447be89c1c");
        byte[] rest = Hex.Parse("0a00000c0102030405060708");

        Assert.Equal("1e0098711d9b3465af4aa22c8c27718b26ae9e3c", Hex.Of(KeyMaterialV1.ComputeMessageHash(prf, skeyidA, MessageId, rest)));
        Assert.Equal("d867ac6a016798bd2de6de76559cab944ddbe8d6", Hex.Of(KeyMaterialV1.ComputeQuickModeHash2(prf, skeyidA, MessageId, QuickNi, rest)));
        Assert.Equal("98e70a401b33ec1b9613688b7bc6a61250a0c31d", Hex.Of(KeyMaterialV1.ComputeQuickModeHash3(prf, skeyidA, MessageId, QuickNi, QuickNr)));
    }

    [Fact]
    public void Hash1_of_strongswans_quick_mode_message_verifies_with_its_skeyid_a()
    {
        // StrongSwanIkev1Vectors: QM1 decrypted with the captured key and IV; HASH(1) covers the 408-octet chain after it
        byte[] datagram = Hex.Parse(StrongSwanQuickMode1);
        byte[] plaintext = new byte[datagram.Length - 28];
        using (var aes = Aes.Create())
        {
            aes.Key = Hex.Parse("a75d83b7052ba9bebfa180dcd4b36a9b");
            aes.DecryptCbc(datagram.AsSpan(28), Hex.Parse("f886baebbc6212792e5972dcb141bfee"), plaintext, PaddingMode.None);
        }

        int hashLength = BinaryPrimitives.ReadUInt16BigEndian(plaintext.AsSpan(2));
        byte[] received = plaintext[4..hashLength];

        byte[] computed = KeyMaterialV1.ComputeMessageHash(new HmacPrf(AlgorithmCatalog.Sha1), Hex.Parse("1a94cfc6fbddff5354891150a082e3e8a0147378"),
            0xc0f99990, plaintext.AsSpan(hashLength, 408 - hashLength));

        Assert.Equal(Hex.Of(received), Hex.Of(computed));
    }

    [Fact]
    public void Keymat_per_direction_uses_that_directions_spi_with_and_without_pfs()
    {
        // d = SKEYID_d (sha1) above; aes128 + sha1: 16 + 20 = 36 octets per direction, two SHA-1 blocks
        // def keymat(g, proto, spi, n):
        //     out, k = b'', b''
        //     while len(out) < n: k = prf(d, k + g + bytes([proto]) + struct.pack('>I', spi) + qni + qnr, h); out += k
        //     return out[:n]
        // gqm = bytes((i*13+5) % 256 for i in range(128)); responder SPI 0xc1c2c3c4, initiator SPI 0xa1a2a3a4
        var prf = new HmacPrf(AlgorithmCatalog.Sha1);
        byte[] skeyidD = Hex.Parse("e16adea3df9bccba7784f09617f9a7d2a499c901");
        byte[] gqm = Enumerable.Range(0, 128).Select(i => (byte)(((i * 13) + 5) % 256)).ToArray();
        var suite = new ChildSaSuite(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha1);

        using ChildSaKeys plain = KeyMaterialV1.DeriveChildSaKeys(prf, skeyidD, suite, [], 3, 0xc1c2c3c4, 0xa1a2a3a4, QuickNi, QuickNr);
        using ChildSaKeys pfs = KeyMaterialV1.DeriveChildSaKeys(prf, skeyidD, suite, gqm, 3, 0xc1c2c3c4, 0xa1a2a3a4, QuickNi, QuickNr);

        Assert.Equal("df967fd21618264ce66e8a05d17bc96b6a86fe6f1d24e73206c4caad85b138b1b807ca9c",
            Hex.Of([.. plain.InitiatorToResponderEncryptionKey, .. plain.InitiatorToResponderIntegrityKey]));
        Assert.Equal("2a17d432201efe064ac6cef019953ac50876e19f7c7731a2a7384071026e52c70636818f",
            Hex.Of([.. plain.ResponderToInitiatorEncryptionKey, .. plain.ResponderToInitiatorIntegrityKey]));
        Assert.Equal("6a65077298fcc8d5e3249bcd264433f266ea6f51eb1a0bbdd2f220c1635c65afe7871b1d",
            Hex.Of([.. pfs.InitiatorToResponderEncryptionKey, .. pfs.InitiatorToResponderIntegrityKey]));
        Assert.Equal("dec51d6885462f330100f27aa971408a24072100f75b8715d7b9f3684ae8409a82d15ec8",
            Hex.Of([.. pfs.ResponderToInitiatorEncryptionKey, .. pfs.ResponderToInitiatorIntegrityKey]));
    }

    [Fact]
    public void Disposed_keys_are_wiped()
    {
        var prf = new HmacPrf(AlgorithmCatalog.Sha1);
        using var skeyid = KeyMaterialV1.ComputeSkeyIdPsk(prf, Psk, Ni, Nr);
        IsakmpSaKeys keys = KeyMaterialV1.DeriveIsakmpSaKeys(prf, AlgorithmCatalog.Aes128, skeyid.Span, SharedSecret, CookieI, CookieR);

        keys.Dispose();

        Assert.Throws<ObjectDisposedException>(() => keys.SkeyIdD.ToArray());
    }

    private const string StrongSwanQuickMode1 =
        "50c6c8463933fefcc6e76c91cd459fd908102001c0f99990000001bc56009062"
        + "0964cda3f67509a2b4205c49023e7b407de8fabd59b0549e091e6b73332dbe32"
        + "77f8e525a9194472ef095220e0205007d7c36368eedf64e92712294f374cb2d1"
        + "c888dffe46060bb62c6194d720231493ab331fc727785fbf7ca1bafc2f6b875c"
        + "473209bee2bc5dbe41672875bd3f2699a56b485972a7604535f58be1698c87ee"
        + "47df9131148d05643677414b17af66fb21717e644da3e372e44827b83ed7279b"
        + "446910d951fa7a90775018495fae31b7bd139867c006384b9983a9e551125ae1"
        + "602f0863c7ae8eaa4dd1bbac04414c54b7791cbc96f78ae63e8b2268a2218ef1"
        + "a74b44155d90e92d93be05d85865353add4f2bdf409e3efdbd832f294dbe75f1"
        + "545fed5da114798f46009dfe168172a381b8affaaa559b3c2dc2bb0d2aa3275d"
        + "66df75a87bc41db5653243fb40509480de2a9d9d20004c0aa7c17a5c3e68ed04"
        + "a13bf7d1c070966486f7ddb0057ce4eae5e05d50c30af4409a13abc069eeb728"
        + "32f172053ba2f83154ab4012fab94c34ec2a2c3df1b84216a57126762f44ada2"
        + "af23861002609073bbdbb77adb6fa4a16a185cdc964eed2f8c518eab";
}
