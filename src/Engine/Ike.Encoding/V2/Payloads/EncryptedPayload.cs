using System.Security.Cryptography;

namespace Ike.Encoding.V2.Payloads;

/// <summary>Layout of the Encrypted payload (SK) body: IV, encrypted inner payloads with padding, ICV.</summary>
/// <remarks>
/// RFC 7296 §3.14:
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | Next Payload  |C|  RESERVED   |         Payload Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Initialization Vector                     |
/// |         (length is block size for encryption algorithm)       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                    Encrypted IKE Payloads                     ~
/// +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |               |             Padding (0-255 octets)            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///                                 |  Pad Length   |
///                                 +-+-+-+-+-+-+-+-+
/// ~                    Integrity Checksum Data                    ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The Next Payload field of SK names the first inner payload. SK "MUST be the last payload in the message".
/// Padding: the sender SHOULD use the minimum that block-aligns payloads + Padding + Pad Length, and "the
/// recipient MUST accept any length that results in proper alignment". The ICV covers the message from the
/// first octet of the IKE header to the last octet of the encrypted data, so the message codec computes and
/// checks it; this type only seals and opens the body.
/// </remarks>
public static class EncryptedPayload
{
    /// <summary>Body length for an inner payload chain of <paramref name="innerLength"/> octets.</summary>
    public static int GetEncodedLength(int innerLength, IMessageProtection protection) =>
        protection.IvSize + GetPaddedLength(innerLength, protection.BlockSize) + protection.IcvSize;

    /// <summary>Inner payloads + minimal Padding + Pad Length octet, rounded up to the block size (§3.14).</summary>
    public static int GetPaddedLength(int innerLength, int blockSize)
    {
        int unpadded = innerLength + 1;
        return (unpadded + blockSize - 1) / blockSize * blockSize;
    }

    /// <summary>
    /// Writes IV and ciphertext into <paramref name="body"/>, leaving its last <see cref="IMessageProtection.IcvSize"/>
    /// octets for the ICV, which needs the finished message.
    /// </summary>
    public static void Seal(ReadOnlySpan<byte> innerChain, IMessageProtection protection, Span<byte> body)
    {
        int paddedLength = GetPaddedLength(innerChain.Length, protection.BlockSize);
        if (body.Length != protection.IvSize + paddedLength + protection.IcvSize)
        {
            throw new ArgumentException("SK body buffer does not match the computed length.", nameof(body));
        }

        Span<byte> iv = body[..protection.IvSize];
        protection.FillIv(iv);

        byte[] plaintext = new byte[paddedLength];
        try
        {
            innerChain.CopyTo(plaintext);
            // Padding octets are zero ("MAY contain any value chosen by the sender"); the last octet is Pad Length.
            plaintext[^1] = (byte)(paddedLength - innerChain.Length - 1);
            protection.Encrypt(iv, plaintext, body.Slice(protection.IvSize, paddedLength));
        }
        finally
        {
            // The plaintext holds AUTH data, identities and configuration: wipe it.
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Decrypts an SK body whose ICV the caller has already verified and returns the inner payload chain
    /// (without Padding and Pad Length) in a new array the caller must zero when done.
    /// </summary>
    /// <exception cref="IkeMalformedException">
    /// Offsets are relative to the body. EncryptedPayloadTooShort, EncryptedDataNotBlockAligned, DecryptionFailed, PaddingInvalid.
    /// </exception>
    public static byte[] Open(ReadOnlySpan<byte> body, IMessageProtection protection, out int plaintextLength)
    {
        CheckLayout(body.Length, protection);
        int ciphertextLength = body.Length - protection.IvSize - protection.IcvSize;
        ReadOnlySpan<byte> iv = body[..protection.IvSize];
        ReadOnlySpan<byte> ciphertext = body.Slice(protection.IvSize, ciphertextLength);

        byte[] plaintext = new byte[ciphertextLength];
        if (!protection.TryDecrypt(iv, ciphertext, plaintext))
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new IkeMalformedException(IkeMalformedReason.DecryptionFailed, protection.IvSize);
        }

        // §3.14: Pad Length counts the Padding octets before it; they and the Pad Length octet must fit.
        int padLength = plaintext[^1];
        if (padLength + 1 > plaintext.Length)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new IkeMalformedException(IkeMalformedReason.PaddingInvalid, protection.IvSize + ciphertextLength - 1);
        }

        plaintextLength = plaintext.Length - padLength - 1;
        return plaintext;
    }

    /// <summary>Checks that an SK body of <paramref name="bodyLength"/> octets can hold IV, at least one block and the ICV, block-aligned.</summary>
    /// <exception cref="IkeMalformedException">Offsets are relative to the body.</exception>
    public static void CheckLayout(int bodyLength, IMessageProtection protection)
    {
        int ciphertextLength = bodyLength - protection.IvSize - protection.IcvSize;
        if (ciphertextLength < protection.BlockSize)
        {
            // At least one block: even an empty inner chain carries the Pad Length octet.
            throw new IkeMalformedException(IkeMalformedReason.EncryptedPayloadTooShort, 0);
        }

        if (ciphertextLength % protection.BlockSize != 0)
        {
            throw new IkeMalformedException(IkeMalformedReason.EncryptedDataNotBlockAligned, protection.IvSize);
        }
    }
}
