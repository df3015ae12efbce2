using System.Text;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Kdf;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Kdf;

/// <summary>
/// Every expected value below was computed independently with python3's hmac module; re-run with:
/// <code>
/// import hmac, hashlib
/// def prf(k, d, h=hashlib.sha256): return hmac.new(k, d, h).digest()
/// def prfplus(k, s, n, h=hashlib.sha256):
///     out, t, i = b'', b'', 1
///     while len(out) &lt; n: t = prf(k, t + s + bytes([i]), h); out += t; i += 1
///     return out[:n]
/// ni = bytes(range(0x00, 0x20)); nr = bytes(range(0x20, 0x40))
/// gir = bytes((i * 7 + 3) % 256 for i in range(256))
/// spii = bytes.fromhex('0102030405060708'); spir = bytes.fromhex('1112131415161718')
/// skeyseed = prf(ni + nr, gir)
/// km = prfplus(skeyseed, ni + nr + spii + spir, 32*3 + 32*2 + 16*2)   # aes / prfsha256 / sha256
/// </code>
/// The other snippets sit next to their vectors.
/// </summary>
public class KeyMaterialV2Tests
{
    private static readonly byte[] Ni = Enumerable.Range(0x00, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nr = Enumerable.Range(0x20, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] SharedSecret = Enumerable.Range(0, 256).Select(i => (byte)(((i * 7) + 3) % 256)).ToArray();
    private const ulong SpiI = 0x0102030405060708;
    private const ulong SpiR = 0x1112131415161718;

    private static readonly IkeSaSuite Aes128Sha256 = IkeSaSuite.FromConfiguration(AlgorithmCatalog.Aes128, AlgorithmCatalog.Sha256);

    [Fact]
    public void Prf_plus_matches_python_across_partial_blocks()
    {
        // prfplus(b'key', b'seed', 100, hashlib.sha1): five SHA-1 blocks, the last one cut to 20 of its bytes.
        var output = new byte[100];

        KeyMaterialV2.PrfPlus(new HmacPrf(AlgorithmCatalog.Sha1), "key"u8, "seed"u8, output);

        Assert.Equal(
            "0a4dd4d286ae93c5e1d24f24f3756216b533dd67ad15d19cef25f483bcc5300fd5487404a2c5000664d807a67dba048c69ac2269" +
            "39eb01a5b44c634ad5b79dcd667a4120a8eab5b472d4316d27b4059ba4f3f28c7dd1c3152892d94bce8e01506c3b5ded",
            Hex.Of(output));
    }

    [Fact]
    public void Prf_plus_stops_at_255_iterations()
    {
        var prf = new HmacPrf(AlgorithmCatalog.Sha256);

        KeyMaterialV2.PrfPlus(prf, "k"u8, "s"u8, new byte[255 * 32]);
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyMaterialV2.PrfPlus(prf, "k"u8, "s"u8, new byte[(255 * 32) + 1]));
    }

    [Fact]
    public void Skeyseed_is_prf_of_the_concatenated_nonces_over_the_shared_secret()
    {
        using var skeySeed = KeyMaterialV2.ComputeSkeySeed(new HmacPrf(AlgorithmCatalog.Sha256), Ni, Nr, SharedSecret);

        Assert.Equal("c1f2403b5d4d9ac51814745bad358cdd62e04159fe7f8401eaabf9078da790f1", Hex.Of(skeySeed.Span));
    }

    [Fact]
    public void Ike_sa_keys_come_out_in_rfc7296_order_and_lengths()
    {
        using var keys = KeyMaterialV2.DeriveIkeSaKeys(Aes128Sha256, SharedSecret, Ni, Nr, SpiI, SpiR);

        Assert.Equal("c3a1866c8aa455ba6aca535e238aa3608ccc35d321b6e5defaea43578f626b48", Hex.Of(keys.SkD));
        Assert.Equal("778f71112bba75b82839223b4ea13ba993e66e9e0ac6ac1169e79aef524d7191", Hex.Of(keys.SkAi));
        Assert.Equal("c42c992b2df639a258e48647fc0311f85359fc2f3e2d72f503fd052bc774e73f", Hex.Of(keys.SkAr));
        Assert.Equal("430adf4c666c64d7061eab154830cf05", Hex.Of(keys.SkEi));
        Assert.Equal("e52ef0a30c01e2fd81d7b53746c97f76", Hex.Of(keys.SkEr));
        Assert.Equal("ff657e3b073b9a8f8f144f7c565a65d3856e45651558d495b95a079d290f2445", Hex.Of(keys.SkPi));
        Assert.Equal("1d865a8367391b58e5848e76b35fbe9bcec459930fbda0aa62cd97c090bd21b5", Hex.Of(keys.SkPr));
    }

    [Fact]
    public void Rekeyed_ike_sa_uses_the_old_prf_for_skeyseed_and_the_new_prf_for_prf_plus()
    {
        // old_skd = bytes([0xA5]) * 20; nni = bytes([0x5A]) * 16; nnr = bytes([0xC3]) * 24
        // ngir = bytes((i * 13 + 1) % 256 for i in range(128))
        // rseed = prf(old_skd, ngir + nni + nnr, hashlib.sha1)
        // km2 = prfplus(rseed, nni + nnr + bytes.fromhex('a1a2a3a4a5a6a7a8') + bytes.fromhex('b1b2b3b4b5b6b7b8'),
        //               64*3 + 48*2 + 32*2, hashlib.sha512)          # aes256 / prfsha512 / sha384
        var oldSkD = Enumerable.Repeat((byte)0xA5, 20).ToArray();
        var ni = Enumerable.Repeat((byte)0x5A, 16).ToArray();
        var nr = Enumerable.Repeat((byte)0xC3, 24).ToArray();
        var sharedSecret = Enumerable.Range(0, 128).Select(i => (byte)(((i * 13) + 1) % 256)).ToArray();
        var oldPrf = new HmacPrf(AlgorithmCatalog.Sha1);
        var newSuite = new IkeSaSuite(AlgorithmCatalog.Aes256, AlgorithmCatalog.Sha512, AlgorithmCatalog.Sha384);

        using var skeySeed = KeyMaterialV2.ComputeRekeySkeySeed(oldPrf, oldSkD, sharedSecret, ni, nr);
        using var keys = KeyMaterialV2.DeriveRekeyedIkeSaKeys(
            oldPrf, oldSkD, newSuite, sharedSecret, ni, nr, 0xa1a2a3a4a5a6a7a8, 0xb1b2b3b4b5b6b7b8);

        Assert.Equal("959480c0f98ed120c57e63e611ea535db148c128", Hex.Of(skeySeed.Span));
        Assert.Equal(
            "47311d46ae118353bb16be37f4d378fcaaaa24213bed6697310b2a398f1c6869287e209025dc62c6561d4c3d1bff88edbf5134bae2a08d4d3c4d829dd1b6228b",
            Hex.Of(keys.SkD));
        Assert.Equal(48, keys.SkAi.Length);
        Assert.Equal(32, keys.SkEr.Length);
        Assert.Equal(
            "e00b76c58128b76e6d3a9eecfcfe928e49dfe41cd5bb1acfb3f362508f3b4014d5da4e8714c0cd9627f6a17d1e492ccb943c9b919f66b2b83540b31e47ece468",
            Hex.Of(keys.SkPr));
    }

    [Fact]
    public void Child_sa_keymat_without_pfs_splits_initiator_direction_first_encryption_before_integrity()
    {
        // keymat = prfplus(SK_d, ni + nr, 2 * (24 + 20))     # 3des / sha1, SK_d from the IKE SA vector above
        using var ike = KeyMaterialV2.DeriveIkeSaKeys(Aes128Sha256, SharedSecret, Ni, Nr, SpiI, SpiR);
        var suite = new ChildSaSuite(AlgorithmCatalog.TripleDes, AlgorithmCatalog.Sha1);

        using var keys = KeyMaterialV2.DeriveChildSaKeys(new HmacPrf(AlgorithmCatalog.Sha256), ike.SkD, suite, [], Ni, Nr);

        const string keymat =
            "15c99aa475dc3321da16cc263b4b9c6dfa9a2b371edd0ad8" + "161c72f321241ef44ada119389525c5a7bcdc0c9" +
            "da80df5f2177b30977e2e542490f147987bae5a62d8791f3" + "4c96b47eee00ea07096b4e6d9a6fd588bfec010b";
        Assert.Equal(keymat[..48], Hex.Of(keys.InitiatorToResponderEncryptionKey));
        Assert.Equal(keymat[48..88], Hex.Of(keys.InitiatorToResponderIntegrityKey));
        Assert.Equal(keymat[88..136], Hex.Of(keys.ResponderToInitiatorEncryptionKey));
        Assert.Equal(keymat[136..], Hex.Of(keys.ResponderToInitiatorIntegrityKey));
    }

    [Fact]
    public void Child_sa_keymat_with_pfs_puts_the_new_shared_secret_before_the_nonces()
    {
        // keymat2 = prfplus(SK_d, ngir + nni + nnr, 2 * (32 + 64))   # aes256 / sha512, nonces of the rekey vector
        using var ike = KeyMaterialV2.DeriveIkeSaKeys(Aes128Sha256, SharedSecret, Ni, Nr, SpiI, SpiR);
        var ni = Enumerable.Repeat((byte)0x5A, 16).ToArray();
        var nr = Enumerable.Repeat((byte)0xC3, 24).ToArray();
        var newSharedSecret = Enumerable.Range(0, 128).Select(i => (byte)(((i * 13) + 1) % 256)).ToArray();
        var suite = new ChildSaSuite(AlgorithmCatalog.Aes256, AlgorithmCatalog.Sha512);

        using var keys = KeyMaterialV2.DeriveChildSaKeys(new HmacPrf(AlgorithmCatalog.Sha256), ike.SkD, suite, newSharedSecret, ni, nr);

        Assert.Equal("041f44a57b93e422eb16529faad26ea4a452f585605c47fb03236818c14262ca", Hex.Of(keys.InitiatorToResponderEncryptionKey));
        Assert.Equal(
            "2c2f0095c39a6434502aa79d745480f165f1f6f86fa758739eb93c0a2cd3d85add589c17eaf4fda93143d5e1bef824abd17e364091d0e86fc4ceb23890d7c6c1",
            Hex.Of(keys.InitiatorToResponderIntegrityKey));
        Assert.Equal("157158eefa27f33d5505854317f5f6497a8ba13c68fa7ccb3a7a3e0b613223af", Hex.Of(keys.ResponderToInitiatorEncryptionKey));
        Assert.Equal(
            "977158699fef7d491299f1bd4635da09a8c8a75f43c167849e95b2804c51c7e09ea1fce1efcd334723fb138d2816fdeb6cdc2b75b12d16a59c23af64331689d5",
            Hex.Of(keys.ResponderToInitiatorIntegrityKey));
    }

    [Fact]
    public void Psk_auth_follows_rfc7296_section_2_15()
    {
        // msg1 = bytes(range(100)); idbody = bytes([2, 0, 0, 0]) + b'gw.example.com'     # ID_FQDN
        // maced = prf(SK_pi, idbody); signed = msg1 + nr + maced
        // prf(prf(b'correct horse battery staple', b'Key Pad for IKEv2'), signed).hex()
        using var ike = KeyMaterialV2.DeriveIkeSaKeys(Aes128Sha256, SharedSecret, Ni, Nr, SpiI, SpiR);
        var prf = new HmacPrf(AlgorithmCatalog.Sha256);
        var realMessage1 = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        byte[] restOfIdPayload = [2, 0, 0, 0, .. Encoding.ASCII.GetBytes("gw.example.com")];
        var psk = Encoding.ASCII.GetBytes("correct horse battery staple");

        var signedOctets = KeyMaterialV2.ComputeSignedOctets(prf, realMessage1, Nr, ike.SkPi, restOfIdPayload);
        var auth = KeyMaterialV2.ComputePskAuth(prf, psk, signedOctets);

        Assert.Equal("c198e2293b14904fc57c8fb1b0bcf641283dc812fbc6b79a532ac052f7799761", Hex.Of(signedOctets.AsSpan(132)));
        Assert.Equal("176e0ecf59e6c01a765be539a2c56263ece3bfb48897faf7c3d3191f93ea8b0d", Hex.Of(auth));
        Assert.True(KeyMaterialV2.VerifyPskAuth(prf, psk, signedOctets, auth));
        Assert.False(KeyMaterialV2.VerifyPskAuth(prf, "wrong key"u8, signedOctets, auth));
        auth[^1] ^= 1;
        Assert.False(KeyMaterialV2.VerifyPskAuth(prf, psk, signedOctets, auth));
    }

    [Fact]
    public void Disposing_key_holders_wipes_and_blocks_access()
    {
        var ike = KeyMaterialV2.DeriveIkeSaKeys(Aes128Sha256, SharedSecret, Ni, Nr, SpiI, SpiR);
        ike.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ike.SkD.Length);
    }

    [Theory]
    [InlineData("md5", 16)]
    [InlineData("sha256", 16)]
    [InlineData("sha384", 24)]
    [InlineData("sha512", 32)]
    public void Minimum_nonce_is_128_bits_and_half_the_prf_key(string api, int expected) =>
        Assert.Equal(expected, KeyMaterialV2.MinimumNonceLength(new HmacPrf(AlgorithmCatalog.FindAuth(api)!)));
}
