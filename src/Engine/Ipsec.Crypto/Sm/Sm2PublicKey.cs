using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// An SM2 public key on sm2p256v1: a point checked to lie on the curve (GB/T 32918.1-2016 §6.2 public key
/// validation; the cofactor is 1, so on the curve and not infinity is enough). Readers of network or certificate
/// bytes return false for anything else; they never throw.
/// </summary>
public sealed class Sm2PublicKey : IEquatable<Sm2PublicKey>
{
    internal Sm2PublicKey(ECPublicKeyParameters parameters)
    {
        Parameters = parameters;
    }

    /// <summary>The BouncyCastle form, for certificate code that hands keys to BouncyCastle.</summary>
    public ECPublicKeyParameters Parameters { get; }

    /// <summary>Reads an uncompressed point 04 || x || y (65 bytes; GM/T 0009-2012 §7.1 public key format).</summary>
    public static bool TryFromEncodedPoint(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out Sm2PublicKey? key)
    {
        key = null;
        if (encoded.Length != Sm2Curve.EncodedPointSize || encoded[0] != 0x04)
        {
            return false;
        }

        try
        {
            var point = Sm2Curve.Domain.Curve.DecodePoint(encoded.ToArray());
            if (point.IsInfinity || !point.IsValid())
            {
                return false;
            }

            key = new Sm2PublicKey(new ECPublicKeyParameters(point.Normalize(), Sm2Curve.Domain));
            return true;
        }
        catch (ArgumentException)
        {
            return false; // not on the curve
        }
    }

    /// <summary>Like <see cref="TryFromEncodedPoint"/> for bytes we trust (our own configuration).</summary>
    /// <exception cref="ArgumentException">Not an uncompressed point on sm2p256v1.</exception>
    public static Sm2PublicKey FromEncodedPoint(ReadOnlySpan<byte> encoded) =>
        TryFromEncodedPoint(encoded, out var key)
            ? key
            : throw new ArgumentException("Not an uncompressed SM2 point on sm2p256v1.", nameof(encoded));

    /// <summary>
    /// Reads a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) whose algorithm is id-ecPublicKey with the sm2p256v1 named
    /// curve (GM/T 0009-2012 §7.1, GM/T 0015 certificates) and whose point is valid.
    /// </summary>
    public static bool TryFromSubjectPublicKeyInfo(ReadOnlySpan<byte> der, [NotNullWhen(true)] out Sm2PublicKey? key)
    {
        key = null;
        SubjectPublicKeyInfo? info;
        try
        {
            info = SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der.ToArray()));
        }
        catch (Exception exception) when (BouncyCastleFailure.IsMalformedInput(exception))
        {
            return false;
        }

        return info is not null && TryFromSubjectPublicKeyInfo(info, out key);
    }

    /// <summary>Like <see cref="TryFromSubjectPublicKeyInfo(ReadOnlySpan{byte}, out Sm2PublicKey?)"/> for an already
    /// parsed structure (a certificate's).</summary>
    public static bool TryFromSubjectPublicKeyInfo(SubjectPublicKeyInfo info, [NotNullWhen(true)] out Sm2PublicKey? key)
    {
        ArgumentNullException.ThrowIfNull(info);
        key = null;
        if (!X9ObjectIdentifiers.IdECPublicKey.Equals(info.Algorithm.Algorithm)
            || info.Algorithm.Parameters?.ToAsn1Object() is not DerObjectIdentifier curve // X962Parameters wraps it when built in memory
            || !Sm2Curve.Domain.Name.Equals(curve)
            || info.PublicKey.PadBits != 0)
        {
            return false;
        }

        return TryFromEncodedPoint(info.PublicKey.GetOctets(), out key);
    }

    /// <summary>The key as the uncompressed point 04 || x || y (65 bytes).</summary>
    public byte[] ExportEncodedPoint() => Parameters.Q.GetEncoded(compressed: false);

    /// <summary>The key as a DER SubjectPublicKeyInfo with the sm2p256v1 OID.</summary>
    public byte[] ExportSubjectPublicKeyInfo()
    {
        var named = new ECPublicKeyParameters(Parameters.Q, Sm2Curve.Domain);
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(named).GetDerEncoded();
    }

    public bool Equals(Sm2PublicKey? other) => other is not null && Parameters.Q.Equals(other.Parameters.Q);

    public override bool Equals(object? obj) => obj is Sm2PublicKey other && Equals(other);

    public override int GetHashCode() => Parameters.Q.GetHashCode();

    public override string ToString() => $"Sm2PublicKey({Convert.ToHexString(ExportEncodedPoint())})";
}
