using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace Ipsec.Crypto.Sm;

/// <summary>The SM2 recommended curve sm2p256v1 (GB/T 32918.5-2017 §3, GM/T 0003.5-2012), named by its OID so keys
/// and certificates encode the OID rather than explicit parameters (GM/T 0009-2012 §7.1).</summary>
internal static class Sm2Curve
{
    /// <summary>Bytes of a field element and of a scalar (256 bits).</summary>
    public const int ElementSize = 32;

    /// <summary>An uncompressed point 04 || x || y (GB/T 32918.1-2016 §4.2.9).</summary>
    public const int EncodedPointSize = 1 + 2 * ElementSize;

    public static ECNamedDomainParameters Domain { get; } =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    /// <summary>True when <paramref name="domain"/> is sm2p256v1, however it was spelled (named or explicit).</summary>
    public static bool IsSm2(ECDomainParameters domain) =>
        domain.Curve.Equals(Domain.Curve) && domain.G.Equals(Domain.G) && domain.N.Equals(Domain.N);

    /// <summary>A field element or scalar as exactly 32 big-endian bytes.</summary>
    public static byte[] ToFixedBytes(BigInteger value, int length = ElementSize) =>
        Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(length, value);
}
