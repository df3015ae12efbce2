using Xunit;

namespace Interop.Tests.Ikev2;

/// <summary>
/// The product's standard algorithm set (PRODUCT.md §3, issue 3): 5 encryption × 5 integrity/PRF × 4 MODP groups, in
/// the product's API names and in strongSwan's keywords, with the names charon's list-sas prints for each.
/// </summary>
public static class AlgorithmMatrix
{
    public sealed record Encryption(string Api, string Swan, string SwanName, int? KeySize);

    public sealed record Integrity(string Api, string Swan, string SwanIntegrity, string SwanPrf);

    public sealed record Group(string Api, string Swan, string SwanName);

    public static readonly Encryption[] Encryptions =
    [
        new("aes", "aes128", "AES_CBC", 128),
        new("aes192", "aes192", "AES_CBC", 192),
        new("aes256", "aes256", "AES_CBC", 256),
        new("des", "des", "DES_CBC", null),
        new("3des", "3des", "3DES_CBC", null),
    ];

    public static readonly Integrity[] Integrities =
    [
        new("md5", "md5", "HMAC_MD5_96", "PRF_HMAC_MD5"),
        new("sha1", "sha1", "HMAC_SHA1_96", "PRF_HMAC_SHA1"),
        new("sha256", "sha256", "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256"),
        new("sha384", "sha384", "HMAC_SHA2_384_192", "PRF_HMAC_SHA2_384"),
        new("sha512", "sha512", "HMAC_SHA2_512_256", "PRF_HMAC_SHA2_512"),
    ];

    public static readonly Group[] Groups =
    [
        new("group1", "modp768", "MODP_768"),
        new("group2", "modp1024", "MODP_1024"),
        new("group5", "modp1536", "MODP_1536"),
        new("group14", "modp2048", "MODP_2048"),
    ];

    /// <summary>One combination, named so that both the engine's and charon's connection can carry the name.</summary>
    public sealed record Case(Encryption Enc, Integrity Auth, Group Dh)
    {
        public string Name => $"m-{Enc.Swan}-{Auth.Swan}-{Dh.Swan}";

        public string SwanIke => $"{Enc.Swan}-{Auth.Swan}-{Dh.Swan}";

        public string SwanEsp => $"{Enc.Swan}-{Auth.Swan}";

        public override string ToString() => SwanIke;
    }

    public static IEnumerable<Case> All =>
        from e in Encryptions from a in Integrities from g in Groups select new Case(e, a, g);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (Case c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static Case ByName(string name) => All.Single(c => c.Name == name);
}
