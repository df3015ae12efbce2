using System.Text;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Integrity;
using Ipsec.Crypto.Tests.TestSupport;

namespace Ipsec.Crypto.Tests.Integrity;

public class HmacTests
{
    // RFC 2202 (HMAC-MD5, HMAC-SHA-1) and RFC 4231 (HMAC-SHA-2) test cases 1 and 2: key, data, full HMAC.
    public static TheoryData<string, string, string, string> PrfVectors => new()
    {
        { "md5", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "9294727a3638bb1c13f48ef8158bfc9d" },
        { "md5", Hex.Of("Jefe"u8), "what do ya want for nothing?", "750c783e6ab0b503eaa86e310a5db738" },
        { "sha1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00" },
        { "sha1", Hex.Of("Jefe"u8), "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
        {
            "sha256", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        },
        {
            "sha256", Hex.Of("Jefe"u8), "what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        },
        {
            "sha384", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"
        },
        {
            "sha384", Hex.Of("Jefe"u8), "what do ya want for nothing?",
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"
        },
        {
            "sha512", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
        },
        {
            "sha512", Hex.Of("Jefe"u8), "what do ya want for nothing?",
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        },
    };

    // RFC 4868 §2.7.2 (keys as long as the output, as IPsec uses them) and RFC 2202 for the -96 transforms:
    // algorithm, key, data, truncated ICV.
    public static TheoryData<string, string, string, string> IcvVectors => new()
    {
        { "md5", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "9294727a3638bb1c13f48ef8" },
        { "sha1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b617318655057264e28bc0b6" },
        { "sha256", string.Concat(Enumerable.Repeat("0b", 32)), "Hi There", "198a607eb44bfbc69903a0f1cf2bbdc5" },
        { "sha256", Hex.Of(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Jefe", 8)))), "what do ya want for nothing?", "167f928588c5cc2eef8e3093caa0e87c" },
        { "sha384", string.Concat(Enumerable.Repeat("0b", 48)), "Hi There", "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973" },
        { "sha384", Hex.Of(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Jefe", 12)))), "what do ya want for nothing?", "2c7353974f1842fd66d53c452ca42122b28c0b594cfb184d" },
        { "sha512", string.Concat(Enumerable.Repeat("0b", 64)), "Hi There", "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8" },
        { "sha512", Hex.Of(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Jefe", 16)))), "what do ya want for nothing?", "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454" },
    };

    [Theory]
    [MemberData(nameof(PrfVectors))]
    public void Prf_matches_rfc2202_and_rfc4231(string api, string key, string data, string expected)
    {
        var prf = new HmacPrf(AlgorithmCatalog.FindAuth(api)!);

        Assert.Equal(expected, Hex.Of(prf.Compute(Hex.Parse(key), Encoding.ASCII.GetBytes(data))));
    }

    [Theory]
    [MemberData(nameof(IcvVectors))]
    public void Integrity_truncates_per_rfc4868_and_verifies(string api, string key, string data, string expectedIcv)
    {
        using var integrity = HmacIntegrity.Create(AlgorithmCatalog.FindAuth(api)!, Hex.Parse(key));
        var icv = new byte[integrity.IcvLength];
        var message = Encoding.ASCII.GetBytes(data);

        integrity.ComputeIcv(message, icv);

        Assert.Equal(expectedIcv, Hex.Of(icv));
        Assert.True(integrity.VerifyIcv(message, icv));
    }

    [Fact]
    public void Verify_rejects_any_flipped_bit_and_wrong_lengths()
    {
        using var integrity = HmacIntegrity.Create(AlgorithmCatalog.Sha256, new byte[32]);
        var message = "payload"u8.ToArray();
        var icv = new byte[16];
        integrity.ComputeIcv(message, icv);

        for (var bit = 0; bit < icv.Length * 8; bit += 7)
        {
            var tampered = (byte[])icv.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(integrity.VerifyIcv(message, tampered));
        }

        message[0] ^= 1;
        Assert.False(integrity.VerifyIcv(message, icv));
        message[0] ^= 1;
        Assert.False(integrity.VerifyIcv(message, icv.AsSpan(0, 12)));
        Assert.False(integrity.VerifyIcv(message, new byte[32]));
    }

    [Fact]
    public void Integrity_key_length_is_enforced()
    {
        Assert.Throws<ArgumentException>(() => HmacIntegrity.Create(AlgorithmCatalog.Sha256, new byte[20]));
        Assert.Throws<ArgumentException>(() => HmacIntegrity.Create(AlgorithmCatalog.Sha1, new byte[32]));
    }
}
