using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.Integrity;

/// <summary>
/// The IKE pseudo-random function: HMAC with the full hash output (PRF_HMAC_*, RFC 2104; RFC 4868 §2.1.2 for SHA-2).
/// Keys of any length are accepted: HMAC hashes keys longer than the hash block and zero-pads shorter ones (RFC 2104 §2),
/// which is why RFC 7296 §2.14 can key it with Ni | Nr of whatever length the nonces have. SM3 (PRF_HMAC_SM3,
/// GM/T 0022's SM3 hash attribute) runs on <see cref="Sm.HmacSm3"/>; every other hash on the platform's HMAC.
/// </summary>
public sealed class HmacPrf
{
    public HmacPrf(AuthAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        Algorithm = algorithm;
    }

    public AuthAlgorithm Algorithm { get; }

    /// <summary>Output length in bytes (the hash length).</summary>
    public int OutputLength => Algorithm.OutputLength;

    /// <summary>Preferred key length: the output length (RFC 4868 §2.1.2); the length of SK_d, SK_pi, SK_pr.</summary>
    public int PreferredKeyLength => Algorithm.PrfKeyLength;

    /// <summary>prf(key, data) into <paramref name="destination"/>, which must hold <see cref="OutputLength"/> bytes.</summary>
    public void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < OutputLength)
        {
            throw new ArgumentException($"Destination must hold {OutputLength} bytes.", nameof(destination));
        }

        HmacFunction.Compute(Algorithm.Hash, key, data, destination[..OutputLength]);
    }

    /// <summary>prf(key, data) as a new array.</summary>
    public byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var output = new byte[OutputLength];
        Compute(key, data, output);
        return output;
    }

    /// <summary>
    /// Starts prf(key, ...) over data given in pieces (the RFC's "a | b | c" without building the concatenation).
    /// The caller disposes the returned object; GetHashAndReset keeps the key for the next computation.
    /// </summary>
    /// <exception cref="NotSupportedException">The hash is not a platform hash (SM3): use
    /// <see cref="CreateIncrementalMac"/>, which serves every hash of the catalogue.</exception>
    public IncrementalHash CreateIncremental(ReadOnlySpan<byte> key) =>
        Algorithm.Hash == Sm.Sm3Hash.Name
            ? throw new NotSupportedException($"{Algorithm.ApiName} has no platform HMAC; use {nameof(CreateIncrementalMac)}.")
            : IncrementalHash.CreateHMAC(Algorithm.Hash, key);

    /// <summary>
    /// Like <see cref="CreateIncremental"/> for every hash of the catalogue, SM3 included. The key is copied; disposing
    /// the result wipes the copy.
    /// </summary>
    public IIncrementalMac CreateIncrementalMac(ReadOnlySpan<byte> key) => HmacFunction.CreateIncremental(Algorithm.Hash, key);
}
