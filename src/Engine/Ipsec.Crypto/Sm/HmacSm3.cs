using System.Security.Cryptography;
using Ipsec.Crypto.Integrity;
using Org.BouncyCastle.Crypto.Digests;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// HMAC-SM3: HMAC (RFC 2104 §2) over SM3, B = 64, L = 32; the construction GM/T 0022 uses for its PRF and for
/// integrity, and draft-guo-ipsecme-ikev2-using-shangmi for PRF_HMAC_SM3 and AUTH_HMAC_SM3.
/// </summary>
/// <remarks>
/// Written here rather than with BouncyCastle's HMac so that the padded key (K0 XOR ipad, K0 XOR opad) lives only in
/// buffers we wipe: on the stack for <see cref="HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>, in a
/// <see cref="Secrets.SecretBytes"/> for <see cref="CreateIncremental"/>. Keys of any length are accepted: longer
/// than B they are hashed first, shorter ones are zero-padded (RFC 2104 §2).
/// </remarks>
public static class HmacSm3
{
    /// <summary>Output length in bytes (the SM3 output).</summary>
    public const int HashSizeInBytes = Sm3Hash.HashSizeInBytes;

    private const int BlockSize = Sm3Hash.BlockSizeInBytes;
    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5C;

    /// <summary>HMAC-SM3(key, source) into the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written (32).</returns>
    public static int HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException($"Destination must hold {HashSizeInBytes} bytes.", nameof(destination));
        }

        Span<byte> pads = stackalloc byte[2 * BlockSize];
        Span<byte> inner = stackalloc byte[HashSizeInBytes];
        try
        {
            DerivePads(key, pads);
            var digest = new SM3Digest();

            // H(K0 ^ opad | H(K0 ^ ipad | text)), RFC 2104 §2 steps (1)-(7).
            digest.BlockUpdate(pads[..BlockSize]);
            digest.BlockUpdate(source);
            digest.DoFinal(inner);
            digest.BlockUpdate(pads[BlockSize..]);
            digest.BlockUpdate(inner);
            return digest.DoFinal(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pads);
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    /// <summary>HMAC-SM3(key, source) as a new array.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> source)
    {
        var mac = new byte[HashSizeInBytes];
        HashData(key, source, mac);
        return mac;
    }

    /// <summary>Starts HMAC-SM3(key, ...) over data given in pieces. The key is copied; the caller disposes the result,
    /// which wipes the copy.</summary>
    public static IIncrementalMac CreateIncremental(ReadOnlySpan<byte> key) => new IncrementalHmacSm3(key);

    /// <summary>Writes K0 ^ ipad into the first 64 bytes of <paramref name="pads"/> and K0 ^ opad into the next 64,
    /// where K0 is the key zero-padded to B bytes, or SM3(key) zero-padded when the key is longer than B
    /// (RFC 2104 §2).</summary>
    internal static void DerivePads(ReadOnlySpan<byte> key, Span<byte> pads)
    {
        var innerKey = pads[..BlockSize];
        var outerKey = pads[BlockSize..(2 * BlockSize)];
        innerKey.Clear();
        if (key.Length > BlockSize)
        {
            Sm3Hash.HashData(key, innerKey);
        }
        else
        {
            key.CopyTo(innerKey);
        }

        innerKey.CopyTo(outerKey);
        for (var i = 0; i < BlockSize; i++)
        {
            innerKey[i] ^= InnerPad;
            outerKey[i] ^= OuterPad;
        }
    }
}
