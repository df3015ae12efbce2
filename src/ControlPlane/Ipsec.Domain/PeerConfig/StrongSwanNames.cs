namespace Ipsec.Domain;

/// <summary>The product's algorithm names as strongSwan's proposal keywords (strongSwan "IKEv2 Cipher Suites" page:
/// aes128/aes192/aes256, des, 3des; md5, sha1, sha256, sha384, sha512 as integrity and PRF; modp768/1024/1536/2048).</summary>
public static class StrongSwanNames
{
    public static string Encryption(string api) => api switch
    {
        "aes" => "aes128",
        "aes192" or "aes256" or "des" or "3des" => api,
        _ => throw new ArgumentException($"strongSwan has no keyword for encryption '{api}'", nameof(api)),
    };

    public static string Integrity(string api) => api switch
    {
        "md5" or "sha1" or "sha256" or "sha384" or "sha512" => api,
        _ => throw new ArgumentException($"strongSwan has no keyword for integrity '{api}'", nameof(api)),
    };

    public static string DhGroup(string api) => api switch
    {
        "group1" => "modp768",
        "group2" => "modp1024",
        "group5" => "modp1536",
        "group14" => "modp2048",
        _ => throw new ArgumentException($"strongSwan has no keyword for DH group '{api}'", nameof(api)),
    };
}
