using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Sm;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Sm;

public class Sm4CbcCipherTests
{
    private const string StandardKey = "0123456789abcdeffedcba9876543210";
    private static readonly byte[] ZeroIv = new byte[16];

    // GB/T 32907-2016 Appendix A example 1: one block, plaintext = key. With a zero IV one CBC block is one block
    // encryption.
    [Fact]
    public void One_block_matches_gbt32907_example_1()
    {
        using var cipher = Sm4CbcCipher.Create(AlgorithmCatalog.Sm4, Hex.Parse(StandardKey));
        var block = Hex.Parse(StandardKey);

        cipher.Encrypt(ZeroIv, block, block);
        Assert.Equal("681edf34d206965e86b3e94f536e4246", Hex.Of(block));

        cipher.Decrypt(ZeroIv, block, block);
        Assert.Equal(StandardKey, Hex.Of(block));
    }

    // GB/T 32907-2016 Appendix A example 2: the same block encrypted 1,000,000 times under the same key. 0.4-1 s with
    // BouncyCastle's engine on this project's 2-core machine (more while other tests run), hence the trait; it runs by
    // default all the same.
    [Fact]
    [Trait("Category", "Slow")]
    public void One_million_encryptions_match_gbt32907_example_2()
    {
        using var cipher = Sm4CbcCipher.Create(AlgorithmCatalog.Sm4, Hex.Parse(StandardKey));
        var block = Hex.Parse(StandardKey);

        for (var i = 0; i < 1_000_000; i++)
        {
            cipher.Encrypt(ZeroIv, block, block);
        }

        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Hex.Of(block));
    }

    // CBC chaining: two blocks (the standard block twice) under IV 00..0f; and key = IV = plaintext = the standard
    // block. Both computed with OpenSSL 3.0.19 `enc -sm4-cbc -nopad`, an independent implementation.
    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f", StandardKey + StandardKey,
        "a9a268883a336315bac0c9c9ff350ab1b236a4a85616d4aabf0a83555c7d4115")]
    [InlineData(StandardKey, StandardKey, "2677f46b09c122cc975533105bd4a22a")]
    public void Cbc_chaining_matches_openssl(string iv, string plaintext, string expected)
    {
        using var cipher = CbcCiphers.Create(AlgorithmCatalog.Sm4, Hex.Parse(StandardKey));
        var output = new byte[plaintext.Length / 2];

        cipher.Encrypt(Hex.Parse(iv), Hex.Parse(plaintext), output);
        Assert.Equal(expected, Hex.Of(output));

        var back = new byte[output.Length];
        cipher.Decrypt(Hex.Parse(iv), output, back);
        Assert.Equal(plaintext, Hex.Of(back));
    }

    [Fact]
    public void Round_trips_in_place_over_many_blocks()
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)(i * 37)).ToArray();
        var iv = Enumerable.Range(0, 16).Select(i => (byte)(0xF0 - i)).ToArray();
        var plaintext = Enumerable.Range(0, 16 * 9).Select(i => (byte)i).ToArray();
        var buffer = (byte[])plaintext.Clone();
        using var cipher = CbcCiphers.Create(AlgorithmCatalog.Sm4, key);

        cipher.Encrypt(iv, buffer, buffer);
        Assert.NotEqual(plaintext, buffer);
        cipher.Decrypt(iv, buffer, buffer);

        Assert.Equal(plaintext, buffer);
    }

    [Fact]
    public void Factory_gives_sm4_its_own_cipher_and_the_rest_the_platform()
    {
        using var sm4 = CbcCiphers.Create(AlgorithmCatalog.Sm4, new byte[16]);
        using var aes = CbcCiphers.Create(AlgorithmCatalog.Aes128, new byte[16]);

        Assert.IsType<Sm4CbcCipher>(sm4);
        Assert.Same(AlgorithmCatalog.Sm4, sm4.Algorithm);
        Assert.Equal(16, sm4.BlockSize);
        Assert.Equal(16, sm4.IvLength);
        Assert.IsType<PlatformCbcCipher>(aes);
        Assert.Throws<NotSupportedException>(() => PlatformCbcCipher.Create(AlgorithmCatalog.Sm4, new byte[16]));
    }

    [Fact]
    public void Misuse_is_an_argument_exception()
    {
        Assert.Throws<ArgumentException>(() => Sm4CbcCipher.Create(AlgorithmCatalog.Sm4, new byte[32]));
        Assert.Throws<ArgumentException>(() => Sm4CbcCipher.Create(AlgorithmCatalog.Aes128, new byte[16]));
        using var cipher = Sm4CbcCipher.Create(AlgorithmCatalog.Sm4, new byte[16]);
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[8], new byte[16], new byte[16]));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[16], new byte[15], new byte[16]));
        Assert.Throws<ArgumentException>(() => cipher.Decrypt(new byte[16], new byte[32], new byte[16]));
    }

    [Fact]
    public void A_disposed_cipher_refuses_work()
    {
        var cipher = Sm4CbcCipher.Create(AlgorithmCatalog.Sm4, Hex.Parse(StandardKey));
        cipher.Dispose();
        cipher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt(ZeroIv, new byte[16], new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => cipher.Decrypt(ZeroIv, new byte[16], new byte[16]));
    }
}
