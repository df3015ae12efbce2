using Ike.Encoding.V2;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// Fuzzing-only protection: the "cipher" copies and every ICV verifies, so mutated bytes inside SK reach the
/// padding check and the inner payload parser instead of stopping at the integrity check. The real ICV
/// ordering is covered by unit tests; this type must never leave the fuzz project.
/// </summary>
internal sealed class PassThroughProtection : IMessageProtection
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

    public void ComputeIcv(ReadOnlySpan<byte> signedBytes, Span<byte> icv) => icv.Fill(0x1C);

    public bool VerifyIcv(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> icv) => icv.Length == IcvSize;
}
