using System.Security.Cryptography;
using Ipsec.Crypto.Sm;

namespace Ipsec.Crypto.Algorithms;

/// <summary>
/// The one table that maps the product's algorithm names (PRODUCT.md §3) to every wire identifier IKEv2 and IKEv1 use,
/// to the short names strongSwan prints, and to key, block, IV and ICV sizes. Lookups go both ways: by API name, by
/// short name and by wire id. Nothing else in the engine spells an algorithm number.
/// </summary>
/// <remarks>
/// Sources: IANA "Internet Key Exchange Version 2 (IKEv2) Parameters" (Transform Types 1-4), RFC 2409 Appendix A and
/// RFC 2407 §4.4.4/§4.5 for IKEv1, RFC 3602 (AES-CBC), RFC 2405/2451 (DES, 3DES), RFC 2403/2404/4868 (HMAC integrity and
/// PRF). The SM suite of sm gateways (<see cref="Sm4"/>, <see cref="Sm3"/>) has its rows here too; IANA assigns it no
/// number, so each of its identifiers comes from <see cref="SmIdentifiers"/>, the one table that says whose number it
/// is. The SM rows are kept out of <see cref="EncryptionAlgorithms"/> and <see cref="AuthAlgorithms"/>, which list the
/// standard gateway's suite (callers iterate those and expect platform ciphers); the <c>Find*</c> lookups search both.
/// </remarks>
public static class AlgorithmCatalog
{
    public static readonly EncryptionAlgorithm Aes128 = new(
        ApiName: "aes", ShortName: "aes128", Family: CipherFamily.Aes, KeyLength: 16, BlockSize: 16, IvLength: 16,
        Ikev2TransformId: 12 /* ENCR_AES_CBC */, Ikev2KeyLengthBits: 128,
        Ikev1Phase1Value: 7 /* AES-CBC */, Ikev1EspTransformId: 12 /* ESP_AES */, Ikev1KeyLengthBits: 128);

    public static readonly EncryptionAlgorithm Aes192 = new(
        ApiName: "aes192", ShortName: "aes192", Family: CipherFamily.Aes, KeyLength: 24, BlockSize: 16, IvLength: 16,
        Ikev2TransformId: 12, Ikev2KeyLengthBits: 192,
        Ikev1Phase1Value: 7, Ikev1EspTransformId: 12, Ikev1KeyLengthBits: 192);

    public static readonly EncryptionAlgorithm Aes256 = new(
        ApiName: "aes256", ShortName: "aes256", Family: CipherFamily.Aes, KeyLength: 32, BlockSize: 16, IvLength: 16,
        Ikev2TransformId: 12, Ikev2KeyLengthBits: 256,
        Ikev1Phase1Value: 7, Ikev1EspTransformId: 12, Ikev1KeyLengthBits: 256);

    /// <summary>Single DES (RFC 2405): 8 key bytes, parity bits included. RFC 8247 says MUST NOT; offered for old peers.</summary>
    public static readonly EncryptionAlgorithm Des = new(
        ApiName: "des", ShortName: "des", Family: CipherFamily.Des, KeyLength: 8, BlockSize: 8, IvLength: 8,
        Ikev2TransformId: 2 /* ENCR_DES */, Ikev2KeyLengthBits: null,
        Ikev1Phase1Value: 1 /* DES-CBC */, Ikev1EspTransformId: 2 /* ESP_DES */, Ikev1KeyLengthBits: null);

    /// <summary>Triple DES EDE (RFC 2451): three 8-byte keys taken in order K1, K2, K3.</summary>
    public static readonly EncryptionAlgorithm TripleDes = new(
        ApiName: "3des", ShortName: "3des", Family: CipherFamily.TripleDes, KeyLength: 24, BlockSize: 8, IvLength: 8,
        Ikev2TransformId: 3 /* ENCR_3DES */, Ikev2KeyLengthBits: null,
        Ikev1Phase1Value: 5 /* 3DES-CBC */, Ikev1EspTransformId: 3 /* ESP_3DES */, Ikev1KeyLengthBits: null);

    public static readonly AuthAlgorithm Md5 = new(
        ApiName: "md5", ShortName: "md5", PrfShortName: "prfmd5", Hash: HashAlgorithmName.MD5,
        OutputLength: 16, IntegrityKeyLength: 16, IcvLength: 12 /* HMAC-MD5-96, RFC 2403 */,
        Ikev2PrfId: 1 /* PRF_HMAC_MD5 */, Ikev2IntegrityId: 1 /* AUTH_HMAC_MD5_96 */,
        Ikev1HashAttribute: 1 /* MD5 */, Ikev1EspAuthAttribute: 1 /* HMAC-MD5 */);

    public static readonly AuthAlgorithm Sha1 = new(
        ApiName: "sha1", ShortName: "sha1", PrfShortName: "prfsha1", Hash: HashAlgorithmName.SHA1,
        OutputLength: 20, IntegrityKeyLength: 20, IcvLength: 12 /* HMAC-SHA1-96, RFC 2404 */,
        Ikev2PrfId: 2 /* PRF_HMAC_SHA1 */, Ikev2IntegrityId: 2 /* AUTH_HMAC_SHA1_96 */,
        Ikev1HashAttribute: 2 /* SHA */, Ikev1EspAuthAttribute: 2 /* HMAC-SHA */);

    public static readonly AuthAlgorithm Sha256 = new(
        ApiName: "sha256", ShortName: "sha256", PrfShortName: "prfsha256", Hash: HashAlgorithmName.SHA256,
        OutputLength: 32, IntegrityKeyLength: 32, IcvLength: 16 /* HMAC-SHA-256-128, RFC 4868 */,
        Ikev2PrfId: 5 /* PRF_HMAC_SHA2_256 */, Ikev2IntegrityId: 12 /* AUTH_HMAC_SHA2_256_128 */,
        Ikev1HashAttribute: 4 /* SHA2-256 */, Ikev1EspAuthAttribute: 5 /* HMAC-SHA2-256 */);

    public static readonly AuthAlgorithm Sha384 = new(
        ApiName: "sha384", ShortName: "sha384", PrfShortName: "prfsha384", Hash: HashAlgorithmName.SHA384,
        OutputLength: 48, IntegrityKeyLength: 48, IcvLength: 24 /* HMAC-SHA-384-192, RFC 4868 */,
        Ikev2PrfId: 6 /* PRF_HMAC_SHA2_384 */, Ikev2IntegrityId: 13 /* AUTH_HMAC_SHA2_384_192 */,
        Ikev1HashAttribute: 5 /* SHA2-384 */, Ikev1EspAuthAttribute: 6 /* HMAC-SHA2-384 */);

    public static readonly AuthAlgorithm Sha512 = new(
        ApiName: "sha512", ShortName: "sha512", PrfShortName: "prfsha512", Hash: HashAlgorithmName.SHA512,
        OutputLength: 64, IntegrityKeyLength: 64, IcvLength: 32 /* HMAC-SHA-512-256, RFC 4868 */,
        Ikev2PrfId: 7 /* PRF_HMAC_SHA2_512 */, Ikev2IntegrityId: 14 /* AUTH_HMAC_SHA2_512_256 */,
        Ikev1HashAttribute: 6 /* SHA2-512 */, Ikev1EspAuthAttribute: 7 /* HMAC-SHA2-512 */);

    /// <summary>SM4-CBC (GB/T 32907-2016): fixed 128-bit key and block, so no Key Length attribute in either IKE
    /// version. Identifiers: GM/T 0022 for IKEv1 phase 1 and ESP, private use for IKEv2 (<see cref="SmIdentifiers"/>).</summary>
    public static readonly EncryptionAlgorithm Sm4 = new(
        ApiName: "sm4", ShortName: "sm4cbc", Family: CipherFamily.Sm4, KeyLength: 16, BlockSize: 16, IvLength: 16,
        Ikev2TransformId: SmIdentifiers.Ikev2EncrSm4Cbc, Ikev2KeyLengthBits: null,
        Ikev1Phase1Value: SmIdentifiers.Ikev1Phase1EncryptionSm4, Ikev1EspTransformId: SmIdentifiers.EspTransformSm4Cbc,
        Ikev1KeyLengthBits: null);

    /// <summary>
    /// SM3 (GB/T 32905-2016) as HMAC-SM3: PRF with the full 32-byte output, integrity with a 32-byte key and the ICV
    /// truncated to 16 bytes (AUTH_HMAC_SM3_128).
    /// </summary>
    /// <remarks>
    /// The truncation is our choice: draft-guo-ipsecme-ikev2-using-shangmi leaves it to the transform, and we could not
    /// read GM/T 0022's ESP text; half the output follows RFC 4868 §2.3 for the 256-bit SHA-2 hash, and is what the
    /// IPsec implementations we found use. Both peers being this engine, the row is the one place to change it.
    /// </remarks>
    public static readonly AuthAlgorithm Sm3 = new(
        ApiName: "sm3", ShortName: "sm3", PrfShortName: "prfsm3", Hash: Sm3Hash.Name,
        OutputLength: 32, IntegrityKeyLength: 32, IcvLength: 16,
        Ikev2PrfId: SmIdentifiers.Ikev2PrfHmacSm3, Ikev2IntegrityId: SmIdentifiers.Ikev2IntegHmacSm3_128,
        Ikev1HashAttribute: SmIdentifiers.Ikev1Phase1HashSm3, Ikev1EspAuthAttribute: SmIdentifiers.EspAuthHmacSm3);

    /// <summary>Oakley group 1, 768-bit MODP: RFC 2409 §6.1, p = 2^768 - 2^704 - 1 + 2^64 * { [2^638 pi] + 149686 }.</summary>
    public static readonly DhGroup Modp768 = new("group1", "modp768", 1, 768, """
        FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
        29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
        EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
        E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF
        """, privateExponentBits: 256);

    /// <summary>Oakley group 2, 1024-bit MODP: RFC 2409 §6.2, p = 2^1024 - 2^960 - 1 + 2^64 * { [2^894 pi] + 129093 }.</summary>
    public static readonly DhGroup Modp1024 = new("group2", "modp1024", 2, 1024, """
        FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
        29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
        EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
        E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
        EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381
        FFFFFFFF FFFFFFFF
        """, privateExponentBits: 256);

    /// <summary>Group 5, 1536-bit MODP: RFC 3526 §2, p = 2^1536 - 2^1472 - 1 + 2^64 * { [2^1406 pi] + 741804 }.</summary>
    public static readonly DhGroup Modp1536 = new("group5", "modp1536", 5, 1536, """
        FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
        29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
        EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
        E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
        EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D
        C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
        83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D
        670C354E 4ABC9804 F1746C08 CA237327 FFFFFFFF FFFFFFFF
        """, privateExponentBits: 256);

    /// <summary>Group 14, 2048-bit MODP: RFC 3526 §3, p = 2^2048 - 2^1984 - 1 + 2^64 * { [2^1918 pi] + 124476 }.</summary>
    public static readonly DhGroup Modp2048 = new("group14", "modp2048", 14, 2048, """
        FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1
        29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD
        EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245
        E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED
        EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D
        C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F
        83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D
        670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B
        E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9
        DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510
        15728E5A 8AACAA68 FFFFFFFF FFFFFFFF
        """, privateExponentBits: 320);

    /// <summary>The standard gateway's ciphers (PRODUCT.md §3 <c>ikeEncAlg</c>), all available as
    /// <see cref="Ciphers.PlatformCbcCipher"/>.</summary>
    public static IReadOnlyList<EncryptionAlgorithm> EncryptionAlgorithms { get; } = [Aes128, Aes192, Aes256, Des, TripleDes];

    /// <summary>The standard gateway's hashes (PRODUCT.md §3 <c>ikeAuthAlg</c>).</summary>
    public static IReadOnlyList<AuthAlgorithm> AuthAlgorithms { get; } = [Md5, Sha1, Sha256, Sha384, Sha512];

    /// <summary>The sm gateway's ciphers (<c>sm4</c>); create them with <see cref="Ciphers.CbcCiphers"/>.</summary>
    public static IReadOnlyList<EncryptionAlgorithm> SmEncryptionAlgorithms { get; } = [Sm4];

    /// <summary>The sm gateway's hashes (<c>sm3</c>).</summary>
    public static IReadOnlyList<AuthAlgorithm> SmAuthAlgorithms { get; } = [Sm3];

    private static readonly EncryptionAlgorithm[] AllEncryption = [.. EncryptionAlgorithms, .. SmEncryptionAlgorithms];

    private static readonly AuthAlgorithm[] AllAuth = [.. AuthAlgorithms, .. SmAuthAlgorithms];

    public static IReadOnlyList<DhGroup> DhGroups { get; } = [Modp768, Modp1024, Modp1536, Modp2048];

    // Other spellings engineers and strongSwan configs use for the same algorithm (strongSwan: "aes" is aes128,
    // "sha2_256" is sha256 in ESP proposals).
    private static readonly Dictionary<string, string> ShortNameAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aes"] = "aes128",
        ["sha"] = "sha1",
        ["sha2_256"] = "sha256",
        ["sha2_384"] = "sha384",
        ["sha2_512"] = "sha512",
        ["prfsha"] = "prfsha1",
    };

    /// <summary>By the product's API name (<c>aes</c>, <c>aes192</c>, <c>aes256</c>, <c>des</c>, <c>3des</c>, <c>sm4</c>);
    /// case-sensitive like the API.</summary>
    public static EncryptionAlgorithm? FindEncryption(string apiName) =>
        AllEncryption.FirstOrDefault(a => a.ApiName == apiName);

    /// <summary>By strongSwan short name or alias (<c>aes128</c>, <c>aes</c>, <c>aes256</c>, <c>3des</c>); case-insensitive.</summary>
    public static EncryptionAlgorithm? FindEncryptionByShortName(string shortName)
    {
        var canonical = Canonical(shortName);
        return AllEncryption.FirstOrDefault(a => string.Equals(a.ShortName, canonical, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>By IKEv2 ENCR transform id and Key Length attribute (null when absent). AES without the attribute, or
    /// DES/3DES with one, match nothing (RFC 7296 §3.3.5).</summary>
    public static EncryptionAlgorithm? FindEncryptionByIkev2(ushort transformId, int? keyLengthBits) =>
        AllEncryption.FirstOrDefault(a => a.Ikev2TransformId == transformId && a.Ikev2KeyLengthBits == keyLengthBits);

    /// <summary>By IKEv1 phase 1 Encryption Algorithm attribute and Key Length attribute (null when absent).</summary>
    public static EncryptionAlgorithm? FindEncryptionByIkev1Phase1(ushort value, int? keyLengthBits) =>
        AllEncryption.FirstOrDefault(a => a.Ikev1Phase1Value == value && a.Ikev1KeyLengthBits == keyLengthBits);

    /// <summary>By IKEv1 ESP transform id and Key Length attribute (null when absent).</summary>
    public static EncryptionAlgorithm? FindEncryptionByIkev1Esp(byte transformId, int? keyLengthBits) =>
        AllEncryption.FirstOrDefault(a => a.Ikev1EspTransformId == transformId && a.Ikev1KeyLengthBits == keyLengthBits);

    /// <summary>By the product's API name (<c>md5</c>, <c>sha1</c>, <c>sha256</c>, <c>sha384</c>, <c>sha512</c>,
    /// <c>sm3</c>).</summary>
    public static AuthAlgorithm? FindAuth(string apiName) => AllAuth.FirstOrDefault(a => a.ApiName == apiName);

    /// <summary>By strongSwan integrity or PRF keyword or alias (<c>sha1</c>, <c>sha2_256</c>, <c>prfsha256</c>).</summary>
    public static AuthAlgorithm? FindAuthByShortName(string shortName)
    {
        var canonical = Canonical(shortName);
        return AllAuth.FirstOrDefault(a =>
            string.Equals(a.ShortName, canonical, StringComparison.OrdinalIgnoreCase)
            || string.Equals(a.PrfShortName, canonical, StringComparison.OrdinalIgnoreCase));
    }

    public static AuthAlgorithm? FindAuthByIkev2Prf(ushort transformId) =>
        AllAuth.FirstOrDefault(a => a.Ikev2PrfId == transformId);

    public static AuthAlgorithm? FindAuthByIkev2Integrity(ushort transformId) =>
        AllAuth.FirstOrDefault(a => a.Ikev2IntegrityId == transformId);

    public static AuthAlgorithm? FindAuthByIkev1Hash(ushort value) =>
        AllAuth.FirstOrDefault(a => a.Ikev1HashAttribute == value);

    public static AuthAlgorithm? FindAuthByIkev1EspAuth(ushort value) =>
        AllAuth.FirstOrDefault(a => a.Ikev1EspAuthAttribute == value);

    /// <summary>By the product's API name (<c>group1</c>, <c>group2</c>, <c>group5</c>, <c>group14</c>).</summary>
    public static DhGroup? FindDhGroup(string apiName) => DhGroups.FirstOrDefault(g => g.ApiName == apiName);

    /// <summary>By strongSwan keyword (<c>modp1024</c>); case-insensitive.</summary>
    public static DhGroup? FindDhGroupByShortName(string shortName) =>
        DhGroups.FirstOrDefault(g => string.Equals(g.ShortName, shortName, StringComparison.OrdinalIgnoreCase));

    /// <summary>By IANA group number (IKEv2 Transform Type 4 id, IKEv1 Group Description).</summary>
    public static DhGroup? FindDhGroupById(ushort id) => DhGroups.FirstOrDefault(g => g.Id == id);

    private static string Canonical(string shortName) =>
        ShortNameAliases.TryGetValue(shortName, out var canonical) ? canonical : shortName;
}
