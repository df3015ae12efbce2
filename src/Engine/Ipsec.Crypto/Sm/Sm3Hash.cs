using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// The SM3 hash (GB/T 32905-2016, GM/T 0004-2012): 512-bit blocks, 256-bit output. .NET has no SM3, so this runs on
/// BouncyCastle's <see cref="SM3Digest"/>.
/// </summary>
public static class Sm3Hash
{
    /// <summary>Output length in bytes (GB/T 32905-2016 §5.4: 256 bits).</summary>
    public const int HashSizeInBytes = 32;

    /// <summary>Block length in bytes (GB/T 32905-2016 §5.3.1: 512-bit blocks); HMAC pads keys to it (RFC 2104 §2).</summary>
    public const int BlockSizeInBytes = 64;

    /// <summary>The name <see cref="Algorithms.AuthAlgorithm.Hash"/> carries for SM3. The platform does not know it;
    /// <see cref="Integrity.HmacPrf"/> and <see cref="Integrity.HmacIntegrity"/> route it to <see cref="HmacSm3"/>.</summary>
    public static HashAlgorithmName Name { get; } = new("SM3");

    /// <summary>SM3 of <paramref name="source"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written (32).</returns>
    public static int HashData(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException($"Destination must hold {HashSizeInBytes} bytes.", nameof(destination));
        }

        var digest = new SM3Digest();
        digest.BlockUpdate(source);
        return digest.DoFinal(destination);
    }

    /// <summary>SM3 of <paramref name="source"/> as a new array.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> source)
    {
        var hash = new byte[HashSizeInBytes];
        HashData(source, hash);
        return hash;
    }
}
