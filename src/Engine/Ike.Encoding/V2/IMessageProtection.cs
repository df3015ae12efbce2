namespace Ike.Encoding.V2;

/// <summary>
/// The keys and algorithms protecting one direction of an IKE SA: a CBC-mode cipher and a separate integrity
/// algorithm (RFC 7296 §3.14), implemented by the engine with SK_e and SK_a of that direction.
/// </summary>
/// <remarks>
/// The codec never sees keys: it lays out the Encrypted payload and asks this interface to fill the IV,
/// encrypt, decrypt and compute or check the ICV. The engine hands the codec the instance for the direction
/// of the message (SK_ei/SK_ai for messages from the original initiator, SK_er/SK_ar for the others, §2.14).
/// Combined-mode (AEAD) ciphers would need associated data and are out of scope for this interface.
/// </remarks>
public interface IMessageProtection
{
    /// <summary>Cipher block size in octets; the plaintext plus padding and Pad Length is a multiple of it.</summary>
    int BlockSize { get; }

    /// <summary>Length of the Initialization Vector, "equal to the block length of the underlying encryption algorithm" for CBC (§3.14).</summary>
    int IvSize { get; }

    /// <summary>Length of the Integrity Checksum Data (e.g. 16 for AUTH_HMAC_SHA2_256_128).</summary>
    int IcvSize { get; }

    /// <summary>Fills <paramref name="iv"/> with a fresh IV; §3.14: IVs "MUST be chosen at random and MUST be unpredictable".</summary>
    void FillIv(Span<byte> iv);

    /// <summary>Encrypts a block-aligned plaintext into a ciphertext of the same length (no padding added).</summary>
    void Encrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext);

    /// <summary>Decrypts a block-aligned ciphertext into a plaintext of the same length; false if the cipher refuses.</summary>
    bool TryDecrypt(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext);

    /// <summary>Computes the ICV over <paramref name="signedBytes"/> (IKE header to the end of the encrypted data, §3.14).</summary>
    void ComputeIcv(ReadOnlySpan<byte> signedBytes, Span<byte> icv);

    /// <summary>Checks the ICV in constant time (the comparison must not leak how many octets matched).</summary>
    bool VerifyIcv(ReadOnlySpan<byte> signedBytes, ReadOnlySpan<byte> icv);
}
