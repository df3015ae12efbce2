using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Ipsec.Crypto.Sm;

/// <summary>
/// The exceptions BouncyCastle throws for malformed encodings, points off the curve, failed integrity checks or a
/// wrong password. Readers of hostile bytes catch exactly these and turn them into a typed failure; anything else
/// (a bug, running out of memory) still surfaces.
/// </summary>
internal static class BouncyCastleFailure
{
    public static bool IsMalformedInput(Exception exception) => exception
        is ArgumentException // bad ASN.1 shapes, points not on the curve
        or InvalidCastException // GetInstance of an unexpected ASN.1 type
        or IOException // ASN.1 parse errors (Asn1Exception derives from it)
        or CryptoException // InvalidCipherTextException, DataLengthException
        or SecurityUtilityException // unknown algorithm OID in a PKCS#8 envelope
        or FormatException
        or InvalidOperationException
        or System.Formats.Asn1.AsnContentException;
}
