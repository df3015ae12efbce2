using System.Numerics;

namespace Ipsec.Crypto.Algorithms;

/// <summary>
/// A MODP Diffie-Hellman group (<c>ikePfs</c> / <c>ipsecPfs</c>). The group number is the same in IKEv2 (Transform
/// Type 4) and in IKEv1 (Group Description, phase 1 class 4 and ESP class 3). Instances live only in
/// <see cref="AlgorithmCatalog"/>.
/// </summary>
/// <remarks>
/// Every prime here is a safe prime (p = 2q + 1, q prime), so a private exponent much shorter than p is safe: the
/// attacks on short exponents need small factors of p - 1 other than 2. The exponent length follows the upper end of
/// the RFC 3526 §8 table (twice the estimated strength).
/// </remarks>
public sealed class DhGroup
{
    internal DhGroup(string apiName, string shortName, ushort id, int primeBits, string primeHex, int privateExponentBits)
    {
        ApiName = apiName;
        ShortName = shortName;
        Id = id;
        PrimeBytes = Convert.FromHexString(string.Concat(primeHex.Where(c => !char.IsWhiteSpace(c))));
        if (PrimeBytes.Length * 8 != primeBits)
        {
            throw new ArgumentException($"Prime of {apiName} is {PrimeBytes.Length * 8} bits, expected {primeBits}.");
        }

        Prime = new BigInteger(PrimeBytes, isUnsigned: true, isBigEndian: true);

        // Every MODP prime is odd, so p-1 only clears the lowest bit.
        PrimeMinusOneBytes = (byte[])PrimeBytes.Clone();
        PrimeMinusOneBytes[^1] &= 0xFE;
        PrivateExponentBits = privateExponentBits;
    }

    /// <summary>The product's API value, e.g. <c>group14</c>.</summary>
    public string ApiName { get; }

    /// <summary>strongSwan's keyword, e.g. <c>modp2048</c>.</summary>
    public string ShortName { get; }

    /// <summary>IANA group number (IKEv2 Transform Type 4 id; IKEv1 Group Description value).</summary>
    public ushort Id { get; }

    /// <summary>The prime, big-endian, exactly <see cref="PrimeLength"/> bytes.</summary>
    public ReadOnlySpan<byte> PrimeBigEndian => PrimeBytes;

    /// <summary>p - 1, big-endian, <see cref="PrimeLength"/> bytes: the upper bound of RFC 6989 §2.1.</summary>
    public ReadOnlySpan<byte> PrimeMinusOneBigEndian => PrimeMinusOneBytes;

    private byte[] PrimeBytes { get; }

    private byte[] PrimeMinusOneBytes { get; }

    /// <summary>The prime modulus p.</summary>
    public BigInteger Prime { get; }

    /// <summary>The generator; 2 for every MODP group of RFC 2409 and RFC 3526.</summary>
    public int Generator => 2;

    /// <summary>Length of p in bytes: the length of every public value and shared secret (RFC 7296 §3.4, §2.14).</summary>
    public int PrimeLength => PrimeBytes.Length;

    /// <summary>Bits of the random private exponent.</summary>
    public int PrivateExponentBits { get; }

    public override string ToString() => ApiName;
}
