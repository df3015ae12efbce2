namespace Ipsec.Domain;

/// <summary>
/// The algorithm names the API accepts for each gateway kind (PRODUCT.md section 3; seed: "普通型VPN网关支持aes、aes192、
/// aes256、des和3des" / "国密型VPN网关支持sm4"), and which of them RFC 8247 / RFC 8221 advise against.
/// </summary>
public static class AlgorithmCatalog
{
    public const string PfsDisabled = "disabled";

    private static readonly string[] StandardEncryption = ["aes", "aes192", "aes256", "des", "3des"];
    private static readonly string[] StandardIntegrity = ["sha1", "md5", "sha256", "sha384", "sha512"];
    private static readonly string[] SmEncryption = ["sm4"];
    private static readonly string[] SmIntegrity = ["sm3"];

    /// <summary>MODP groups 1 and 2 (RFC 2409 section 6), 5 and 14 (RFC 3526).</summary>
    public static IReadOnlyList<string> DhGroups { get; } = ["group1", "group2", "group5", "group14"];

    public static IReadOnlyList<string> EncryptionFor(GatewayKind kind) => kind == GatewayKind.Sm ? SmEncryption : StandardEncryption;

    public static IReadOnlyList<string> IntegrityFor(GatewayKind kind) => kind == GatewayKind.Sm ? SmIntegrity : StandardIntegrity;

    /// <summary>
    /// Why an algorithm should not be used, or null when it is fine. IKE: RFC 8247 section 2.1 (ENCR_DES MUST NOT),
    /// 2.2/2.3 (PRF_HMAC_MD5 and AUTH_HMAC_MD5_96 MUST NOT), 2.4 (group 1 MUST NOT, groups 2 and 5 SHOULD NOT).
    /// ESP: RFC 8221 section 5 (ENCR_DES MUST NOT) and section 6 (AUTH_HMAC_MD5_96 MUST NOT).
    /// </summary>
    public static string? WeaknessOf(string algorithm) => algorithm switch
    {
        "des" => "DES has a 56-bit key; RFC 8247 section 2.1 and RFC 8221 section 5 say it MUST NOT be used",
        "md5" => "MD5 is broken; RFC 8247 sections 2.2-2.3 and RFC 8221 section 6 say it MUST NOT be used",
        "group1" => "group1 is 768-bit MODP; RFC 8247 section 2.4 says it MUST NOT be used",
        "group2" => "group2 is 1024-bit MODP; RFC 8247 section 2.4 says it SHOULD NOT be used",
        "group5" => "group5 is 1536-bit MODP; RFC 8247 section 2.4 says it SHOULD NOT be used",
        _ => null,
    };
}
