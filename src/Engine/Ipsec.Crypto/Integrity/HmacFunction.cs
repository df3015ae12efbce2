using System.Security.Cryptography;
using Ipsec.Crypto.Sm;

namespace Ipsec.Crypto.Integrity;

/// <summary>
/// HMAC (RFC 2104) for every hash of the catalogue: the platform's implementation where it has the hash, ours for
/// SM3 (<see cref="HmacSm3"/>). <see cref="HmacPrf"/> and <see cref="HmacIntegrity"/> go through here, so an SM3 row in
/// the catalogue works wherever a SHA row does.
/// </summary>
internal static class HmacFunction
{
    public static void Compute(HashAlgorithmName hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (hash == Sm3Hash.Name)
        {
            HmacSm3.HashData(key, data, destination);
            return;
        }

        CryptographicOperations.HmacData(hash, key, data, destination);
    }

    public static IIncrementalMac CreateIncremental(HashAlgorithmName hash, ReadOnlySpan<byte> key) =>
        hash == Sm3Hash.Name
            ? HmacSm3.CreateIncremental(key)
            : new PlatformIncrementalMac(IncrementalHash.CreateHMAC(hash, key));
}
