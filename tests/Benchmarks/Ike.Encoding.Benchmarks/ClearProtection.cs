using Ike.Encoding.V2;

namespace Ike.Encoding.Benchmarks;

/// <summary>
/// The SK layout of aes128-cbc + hmac-sha256-128 (16-octet blocks and IV, 16-octet ICV) without the cryptography: the
/// "cipher" copies and the ICV is a constant that always verifies. Decoding with it measures the codec alone (framing,
/// padding check, inner payload parsing); the gap to <see cref="Shared.CbcHmacProtection"/> is what the crypto costs.
/// Benchmark-only: it protects nothing.
/// </summary>
internal sealed class ClearProtection : IMessageProtection
{
    public int BlockSize => 16;

    public int IvSize => 16;

    public int IcvSize => 16;

    public void FillIv(Span<byte> iv) => iv.Clear();

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) => plaintext.CopyTo(ciphertext);

    public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        ciphertext.CopyTo(plaintext);
        return true;
    }

    public void ComputeIcv(ReadOnlySpan<byte> signedBytes, Span<byte> icv) => icv.Fill(0x5A);

    public bool VerifyIcv(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> icv) => icv.Length == IcvSize;
}
