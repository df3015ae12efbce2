using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;

namespace Ipsec.Certificates;

/// <summary>The exceptions BouncyCastle throws for certificate bytes that are not a well-formed certificate. Readers
/// of uploaded or received certificates catch exactly these and answer with a typed failure.</summary>
internal static class MalformedInput
{
    public static bool Is(Exception exception) => exception
        is ArgumentException
        or InvalidCastException
        or IOException // Asn1Exception and friends
        or CertificateException
        or CryptoException
        or SecurityUtilityException
        or FormatException
        or InvalidOperationException;
}
