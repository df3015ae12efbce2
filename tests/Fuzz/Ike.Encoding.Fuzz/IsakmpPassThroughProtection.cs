using Ike.Encoding.V1;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// Fuzzing-only IKEv1 "cipher" that copies plaintext to ciphertext, so that mutated octets after an E-flag header
/// reach the payload chain parser instead of being turned into noise by a real decryption. Must never leave the
/// fuzz project.
/// </summary>
internal sealed class IsakmpPassThroughProtection : IV1MessageProtection
{
    public int BlockSize => 16;

    public void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) => plaintext.CopyTo(ciphertext);

    public bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        ciphertext.CopyTo(plaintext);
        return true;
    }
}
