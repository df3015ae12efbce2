using System.Text;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Ciphers;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Ciphers;

public class CbcCipherTests
{
    // RFC 3602 §4, cases #1-#4 (AES-128-CBC).
    public static TheoryData<string, string, string, string> Rfc3602Cases => new()
    {
        {
            "06a9214036b8a15b512e03d534120006", "3dafba429d9eb430b422da802c9fac41",
            Hex.Of(Encoding.ASCII.GetBytes("Single block msg")), "e353779c1079aeb82708942dbe77181a"
        },
        {
            "c286696d887c9aa0611bbb3e2025a45a", "562e17996d093d28ddb3ba695a2e6f58",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"
        },
        {
            "6c3ea0477630ce21a2ce334aa746c2cd", "c782dc4c098c66cbd9cd27d825682c81",
            Hex.Of(Encoding.ASCII.GetBytes("This is a 48-byte message (exactly 3 AES blocks)")),
            "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d83ba2684"
        },
        {
            "56e47a38c5598974bc46903dba290349", "8ce82eefbea0da3c44699ed7db51b7d9",
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf",
            "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55"
        },
    };

    // NIST SP 800-38A, Appendix F.2 (CBC-AES128/192/256), first block.
    public static TheoryData<string, string, string> Sp80038aCases => new()
    {
        { "aes", "2b7e151628aed2a6abf7158809cf4f3c", "7649abac8119b246cee98e9b12e9197d" },
        { "aes192", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", "4f021db243bc633d7178183a9fa071e8" },
        { "aes256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "f58c4c04d6e5f1ba779eabfb5f7bfbd6" },
    };

    [Theory]
    [MemberData(nameof(Rfc3602Cases))]
    public void Aes128_matches_rfc3602_vectors(string key, string iv, string plaintext, string ciphertext)
    {
        using var cipher = PlatformCbcCipher.Create(AlgorithmCatalog.Aes128, Hex.Parse(key));
        var output = new byte[plaintext.Length / 2];

        cipher.Encrypt(Hex.Parse(iv), Hex.Parse(plaintext), output);
        Assert.Equal(ciphertext, Hex.Of(output));

        cipher.Decrypt(Hex.Parse(iv), Hex.Parse(ciphertext), output);
        Assert.Equal(plaintext, Hex.Of(output));
    }

    [Theory]
    [MemberData(nameof(Sp80038aCases))]
    public void Aes_key_sizes_match_sp800_38a(string api, string key, string firstBlock)
    {
        using var cipher = PlatformCbcCipher.Create(AlgorithmCatalog.FindEncryption(api)!, Hex.Parse(key));
        var output = new byte[16];

        cipher.Encrypt(Hex.Parse("000102030405060708090a0b0c0d0e0f"), Hex.Parse("6bc1bee22e409f96e93d7e117393172a"), output);

        Assert.Equal(firstBlock, Hex.Of(output));
    }

    [Fact]
    public void Des_matches_fips81_cbc_example()
    {
        // FIPS 81 Appendix C (CBC example): key 0123456789abcdef, IV 1234567890abcdef, "Now is the time for all ".
        using var cipher = PlatformCbcCipher.Create(AlgorithmCatalog.Des, Hex.Parse("0123456789abcdef"));
        var output = new byte[24];

        cipher.Encrypt(Hex.Parse("1234567890abcdef"), Encoding.ASCII.GetBytes("Now is the time for all "), output);

        Assert.Equal("e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6", Hex.Of(output));
    }

    [Fact]
    public void TripleDes_matches_sp800_67_example_block_by_block()
    {
        // NIST SP 800-67 Rev. 1, Appendix B: K1 | K2 | K3 and "The qufck brown fox jump" in ECB. CBC of a single block with a
        // zero IV is ECB, so each block is checked on its own.
        using var cipher = PlatformCbcCipher.Create(
            AlgorithmCatalog.TripleDes, Hex.Parse("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123"));
        var plaintext = Encoding.ASCII.GetBytes("The qufck brown fox jump");
        string[] expected = ["a826fd8ce53b855f", "cce21c8112256fe6", "68d5c05dd9b6b900"];
        var output = new byte[8];

        for (var i = 0; i < 3; i++)
        {
            cipher.Encrypt(new byte[8], plaintext.AsSpan(i * 8, 8), output);
            Assert.Equal(expected[i], Hex.Of(output));
        }
    }

    [Fact]
    public void Every_cipher_round_trips_in_place()
    {
        foreach (var algorithm in AlgorithmCatalog.EncryptionAlgorithms)
        {
            var key = Enumerable.Range(1, algorithm.KeyLength).Select(i => (byte)(i * 37)).ToArray();
            var iv = Enumerable.Range(0, algorithm.IvLength).Select(i => (byte)(0xF0 - i)).ToArray();
            var plaintext = Enumerable.Range(0, algorithm.BlockSize * 5).Select(i => (byte)i).ToArray();
            var buffer = (byte[])plaintext.Clone();
            using var cipher = PlatformCbcCipher.Create(algorithm, key);

            cipher.Encrypt(iv, buffer, buffer);
            Assert.NotEqual(plaintext, buffer);
            cipher.Decrypt(iv, buffer, buffer);

            Assert.Equal(plaintext, buffer);
        }
    }

    [Fact]
    public void Misuse_is_an_argument_exception()
    {
        Assert.Throws<ArgumentException>(() => PlatformCbcCipher.Create(AlgorithmCatalog.Aes256, new byte[16]));
        using var cipher = PlatformCbcCipher.Create(AlgorithmCatalog.Aes128, new byte[16]);
        var output = new byte[32];
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[8], new byte[16], output)); // short IV
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[16], new byte[15], output)); // not a whole block
        Assert.Throws<ArgumentException>(() => cipher.Decrypt(new byte[16], new byte[32], new byte[16])); // no room
    }
}
