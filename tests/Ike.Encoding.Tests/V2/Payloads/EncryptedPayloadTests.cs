using Ike.Encoding.Tests.Support;
using Ike.Encoding.V2.Payloads;

namespace Ike.Encoding.Tests.V2.Payloads;

public class EncryptedPayloadTests
{
    // AES-256-CBC of 15 zero octets + Pad Length 15, key 00..1f, IV 00..0f; re-run with
    // python3 -c "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes;k=bytes(range(32));
    //   iv=bytes(range(16));e=Cipher(algorithms.AES(k),modes.CBC(iv)).encryptor();print((e.update(bytes(15)+b'\x0f')+e.finalize()).hex())"
    private const string ExpectedCiphertext = "3f94451a1f716d1f72f111630c2e9920";

    [Theory]
    [InlineData(0, 16)]   // just the Pad Length octet
    [InlineData(15, 16)]  // 15 + 1 fills one block exactly
    [InlineData(16, 32)]
    [InlineData(100, 112)]
    public void Padding_is_the_minimum_that_aligns_payloads_and_pad_length(int innerLength, int paddedLength) =>
        Assert.Equal(paddedLength, EncryptedPayload.GetPaddedLength(innerLength, 16));

    [Fact]
    public void Seal_then_open_returns_the_inner_chain()
    {
        using var keys = AesCbcHmacSha256Protection.CreateRandom();
        byte[] inner = Hex.Parse("00000008 01020304");
        var body = new byte[EncryptedPayload.GetEncodedLength(inner.Length, keys)];

        EncryptedPayload.Seal(inner, keys, body);
        byte[] plaintext = EncryptedPayload.Open(body, keys, out int innerLength);

        Assert.Equal(16 + 16 + 16, body.Length);
        Assert.Equal(Hex.Format(inner), Hex.Format(plaintext.AsSpan(0, innerLength)));
        Assert.Equal(16 - inner.Length - 1, plaintext[^1]);
    }

    [Fact]
    public void A_known_answer_seal_matches_aes_cbc_of_the_padded_plaintext()
    {
        byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        byte[] iv = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        using var keys = new AesCbcHmacSha256Protection(key, new byte[32], fixedIv: iv);
        var body = new byte[EncryptedPayload.GetEncodedLength(0, keys)];

        EncryptedPayload.Seal([], keys, body);

        Assert.Equal(Hex.Format(iv), Hex.Format(body.AsSpan(0, 16)));
        Assert.Equal(ExpectedCiphertext, Hex.Format(body.AsSpan(16, 16)));
    }
}
