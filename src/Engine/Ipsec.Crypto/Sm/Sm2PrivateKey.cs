using System.Security.Cryptography;
using Ipsec.Crypto.Randomness;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// An SM2 private key: the scalar d with 1 ≤ d ≤ n - 2 (GB/T 32918.1-2016 §6.1, which excludes n - 1 because signing
/// divides by 1 + d) and its public key P = [d]G.
/// </summary>
/// <remarks>
/// BouncyCastle holds d in an immutable BigInteger: it can be dropped, not wiped. Our transient byte copies are wiped.
/// <see cref="ToString"/> never shows d. Keys leave the process only encrypted (<see cref="Sm2PrivateKeyPem"/>).
/// </remarks>
public sealed class Sm2PrivateKey
{
    private Sm2PrivateKey(ECPrivateKeyParameters parameters)
    {
        Parameters = parameters;
        var point = parameters.Parameters.G.Multiply(parameters.D).Normalize();
        PublicKey = new Sm2PublicKey(new ECPublicKeyParameters(point, parameters.Parameters));
    }

    /// <summary>The BouncyCastle form, for certificate signing.</summary>
    public ECPrivateKeyParameters Parameters { get; }

    public Sm2PublicKey PublicKey { get; }

    /// <summary>
    /// Draws d uniformly from [1, n - 2] by rejection: 32 random bytes are used as they are when they fall in range,
    /// otherwise new ones are drawn (probability about 2^-32 per draw).
    /// </summary>
    public static Sm2PrivateKey Generate(IRandomSource? random = null)
    {
        random ??= SystemRandomSource.Instance;
        Span<byte> candidate = stackalloc byte[Sm2Curve.ElementSize];
        try
        {
            while (true)
            {
                random.Fill(candidate);
                if (TryCreate(candidate, Sm2Curve.Domain, out var key))
                {
                    return key;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(candidate);
        }
    }

    /// <summary>The key with scalar <paramref name="d"/> (32 bytes, big-endian), e.g. a published test key.</summary>
    /// <exception cref="ArgumentException">Not 32 bytes, or outside [1, n - 2].</exception>
    public static Sm2PrivateKey FromScalar(ReadOnlySpan<byte> d) => FromScalar(d, Sm2Curve.Domain);

    /// <summary>The same on another curve: the GB/T 32918 parts 2 and 4 examples use a test curve of their own.</summary>
    internal static Sm2PrivateKey FromScalar(ReadOnlySpan<byte> d, ECDomainParameters domain)
    {
        if (d.Length != Sm2Curve.ElementSize || !TryCreate(d, domain, out var key))
        {
            throw new ArgumentException("An SM2 private key is 32 bytes with 1 <= d <= n - 2 (GB/T 32918.1 §6.1).", nameof(d));
        }

        return key;
    }

    /// <summary>Wraps a key BouncyCastle decoded (a PKCS#8 file); null when it is not on sm2p256v1 or out of range.</summary>
    internal static Sm2PrivateKey? FromBouncyCastle(ECPrivateKeyParameters parameters)
    {
        if (!Sm2Curve.IsSm2(parameters.Parameters) || !InRange(parameters.D, parameters.Parameters.N))
        {
            return null;
        }

        return new Sm2PrivateKey(new ECPrivateKeyParameters(parameters.D, Sm2Curve.Domain));
    }

    public override string ToString() => $"Sm2PrivateKey(public {PublicKey})";

    private static bool TryCreate(ReadOnlySpan<byte> bytes, ECDomainParameters domain, out Sm2PrivateKey key)
    {
        var d = new BigInteger(1, bytes);
        if (!InRange(d, domain.N))
        {
            key = null!;
            return false;
        }

        key = new Sm2PrivateKey(new ECPrivateKeyParameters(d, domain));
        return true;
    }

    private static bool InRange(BigInteger d, BigInteger n) =>
        d.SignValue > 0 && d.CompareTo(n.Subtract(BigInteger.Two)) <= 0;
}
