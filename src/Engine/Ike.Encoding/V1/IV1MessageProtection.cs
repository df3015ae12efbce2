namespace Ike.Encoding.V1;

/// <summary>
/// The ISAKMP SA's block cipher in CBC mode, keyed by the engine with the key derived from SKEYID_e
/// (RFC 2409 Appendix B). The codec lays out and pads the message; this interface only transforms whole blocks.
/// </summary>
/// <remarks>
/// IKEv1 has no integrity check value and no IV on the wire: everything after the header is encrypted when the
/// E flag is set, and the IV is implied by the exchange's history (RFC 2409 Appendix B): the first phase 1
/// encrypted message uses hash(g^xi | g^xr) truncated to the block size, every later message of the same
/// exchange uses the last ciphertext block of the previous one, and each phase 2 / informational exchange starts
/// from hash(last phase 1 CBC block | M-ID). That chaining state belongs to the engine's phase 1 and phase 2
/// state, so the IV is a parameter here and the codec hands back the next IV rather than keeping it.
/// The engine supplies one instance per ISAKMP SA; both directions share SKEYID_e.
/// </remarks>
public interface IV1MessageProtection
{
    /// <summary>Cipher block size in octets (16 for AES, 8 for DES and 3DES); also the IV length.</summary>
    int BlockSize { get; }

    /// <summary>CBC-encrypts a block-aligned plaintext into a ciphertext of the same length (no padding added).</summary>
    void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext);

    /// <summary>CBC-decrypts a block-aligned ciphertext into a plaintext of the same length; false if the cipher refuses.</summary>
    bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext);
}
