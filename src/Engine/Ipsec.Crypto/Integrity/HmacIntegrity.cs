using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Secrets;

namespace Ipsec.Crypto.Integrity;

/// <summary>
/// A keyed integrity transform: HMAC truncated to the ICV length (HMAC-MD5-96 RFC 2403, HMAC-SHA1-96 RFC 2404,
/// HMAC-SHA-256-128/384-192/512-256 RFC 4868 §2.1.1: the leftmost bits are kept). Used for ESP ICVs and the IKEv2
/// Encrypted payload checksum. HMAC-SM3 (<see cref="Sm.HmacSm3"/>) is truncated to the catalogue row's ICV length the
/// same way. Disposing wipes the key.
/// </summary>
public sealed class HmacIntegrity : IDisposable
{
    // Largest HMAC output here (SHA-512): lets every computation stay on the stack.
    private const int MaxOutputLength = 64;

    private readonly SecretBytes _key;

    private HmacIntegrity(AuthAlgorithm algorithm, SecretBytes key)
    {
        Algorithm = algorithm;
        _key = key;
    }

    /// <summary>Creates the transform; <paramref name="key"/> must be <see cref="AuthAlgorithm.IntegrityKeyLength"/>
    /// bytes (RFC 4868 §2.1.1 fixes the key length to the output length). The key is copied.</summary>
    public static HmacIntegrity Create(AuthAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (key.Length != algorithm.IntegrityKeyLength)
        {
            throw new ArgumentException(
                $"{algorithm.ApiName} integrity needs a {algorithm.IntegrityKeyLength}-byte key, got {key.Length}.", nameof(key));
        }

        return new HmacIntegrity(algorithm, SecretBytes.CopyOf(key));
    }

    public AuthAlgorithm Algorithm { get; }

    /// <summary>Length of the truncated ICV in bytes.</summary>
    public int IcvLength => Algorithm.IcvLength;

    /// <summary>Writes the truncated ICV of <paramref name="data"/> into the first <see cref="IcvLength"/> bytes of
    /// <paramref name="icv"/>.</summary>
    public void ComputeIcv(ReadOnlySpan<byte> data, Span<byte> icv)
    {
        if (icv.Length < IcvLength)
        {
            throw new ArgumentException($"ICV buffer must hold {IcvLength} bytes.", nameof(icv));
        }

        Span<byte> full = stackalloc byte[MaxOutputLength];
        full = full[..Algorithm.OutputLength];
        HmacFunction.Compute(Algorithm.Hash, _key.Span, data, full);
        full[..IcvLength].CopyTo(icv);
    }

    /// <summary>True when <paramref name="icv"/> is the ICV of <paramref name="data"/>; compared in constant time so the
    /// time taken does not tell an attacker how many leading bytes matched.</summary>
    public bool VerifyIcv(ReadOnlySpan<byte> data, ReadOnlySpan<byte> icv)
    {
        if (icv.Length != IcvLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MaxOutputLength];
        ComputeIcv(data, expected);
        return CryptographicOperations.FixedTimeEquals(expected[..IcvLength], icv);
    }

    public void Dispose() => _key.Dispose();
}
