using System.Security.Cryptography;

namespace Ipsec.Crypto.Algorithms;

/// <summary>
/// One hash choice of the product (<c>ikeAuthAlg</c> / <c>ipsecAuthAlg</c>): the same hash drives the IKE PRF, IKE message
/// integrity and ESP integrity, always as HMAC. Instances live only in <see cref="AlgorithmCatalog"/>.
/// </summary>
/// <param name="ApiName">The product's API value, e.g. <c>sha256</c>.</param>
/// <param name="ShortName">strongSwan's integrity keyword (<c>sha256</c>); the PRF keyword is <see cref="PrfShortName"/>.</param>
/// <param name="PrfShortName">strongSwan's PRF keyword, e.g. <c>prfsha256</c>.</param>
/// <param name="Hash">The underlying hash.</param>
/// <param name="OutputLength">HMAC output length in bytes. For an HMAC PRF it is also the preferred key length, which
/// RFC 7296 §2.14 uses for SK_d, SK_pi and SK_pr (RFC 4868 §2.1.2 for SHA-2).</param>
/// <param name="IntegrityKeyLength">Integrity key length in bytes: equal to the hash output for every HMAC integrity
/// transform (RFC 2403 §3, RFC 2404 §3, RFC 4868 §2.1.1).</param>
/// <param name="IcvLength">Truncated ICV length in bytes: 12 for MD5-96 and SHA1-96 (RFC 2403/2404 §2), half the output for
/// SHA-2 (RFC 4868 §2.1.1).</param>
/// <param name="Ikev2PrfId">IKEv2 Transform Type 2 (PRF) id.</param>
/// <param name="Ikev2IntegrityId">IKEv2 Transform Type 3 (INTEG) id.</param>
/// <param name="Ikev1HashAttribute">IKEv1 phase 1 "Hash Algorithm" attribute (class 2) value (RFC 2409 Appendix A,
/// RFC 4868 §4 for SHA-2).</param>
/// <param name="Ikev1EspAuthAttribute">IKEv1 ESP "Authentication Algorithm" attribute (class 5) value (RFC 2407 §4.5,
/// RFC 4868 §4). Some old peers truncate HMAC-SHA-256 to 96 bits here (pre-RFC 4868 drafts); we follow RFC 4868.</param>
public sealed record AuthAlgorithm(
    string ApiName,
    string ShortName,
    string PrfShortName,
    HashAlgorithmName Hash,
    int OutputLength,
    int IntegrityKeyLength,
    int IcvLength,
    ushort Ikev2PrfId,
    ushort Ikev2IntegrityId,
    ushort Ikev1HashAttribute,
    ushort Ikev1EspAuthAttribute)
{
    /// <summary>Preferred key length of the HMAC PRF: the hash output length (RFC 2104 §3, RFC 4868 §2.1.2).</summary>
    public int PrfKeyLength => OutputLength;

    public override string ToString() => ApiName;
}
