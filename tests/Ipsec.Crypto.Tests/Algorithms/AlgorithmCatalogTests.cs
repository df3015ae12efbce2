using System.Security.Cryptography;
using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.Tests.Algorithms;

public class AlgorithmCatalogTests
{
    // apiName, shortName, key bytes, block, IKEv2 ENCR id, IKEv2 key length, IKEv1 phase 1 value, IKEv1 ESP id, IKEv1 key length
    [Theory]
    [InlineData("aes", "aes128", 16, 16, 12, 128, 7, 12, 128)]
    [InlineData("aes192", "aes192", 24, 16, 12, 192, 7, 12, 192)]
    [InlineData("aes256", "aes256", 32, 16, 12, 256, 7, 12, 256)]
    [InlineData("des", "des", 8, 8, 2, null, 1, 2, null)]
    [InlineData("3des", "3des", 24, 8, 3, null, 5, 3, null)]
    public void Encryption_rows_carry_the_iana_and_rfc_identifiers(
        string api, string shortName, int keyLength, int blockSize, int v2Id, int? v2KeyBits, int v1Phase1, int v1Esp, int? v1KeyBits)
    {
        var algorithm = AlgorithmCatalog.FindEncryption(api);

        Assert.NotNull(algorithm);
        Assert.Equal(shortName, algorithm.ShortName);
        Assert.Equal(keyLength, algorithm.KeyLength);
        Assert.Equal(blockSize, algorithm.BlockSize);
        Assert.Equal(blockSize, algorithm.IvLength);
        Assert.Equal(v2Id, algorithm.Ikev2TransformId);
        Assert.Equal(v2KeyBits, algorithm.Ikev2KeyLengthBits);
        Assert.Equal(v1Phase1, algorithm.Ikev1Phase1Value);
        Assert.Equal(v1Esp, algorithm.Ikev1EspTransformId);
        Assert.Equal(v1KeyBits, algorithm.Ikev1KeyLengthBits);

        Assert.Same(algorithm, AlgorithmCatalog.FindEncryptionByShortName(shortName));
        Assert.Same(algorithm, AlgorithmCatalog.FindEncryptionByIkev2((ushort)v2Id, v2KeyBits));
        Assert.Same(algorithm, AlgorithmCatalog.FindEncryptionByIkev1Phase1((ushort)v1Phase1, v1KeyBits));
        Assert.Same(algorithm, AlgorithmCatalog.FindEncryptionByIkev1Esp((byte)v1Esp, v1KeyBits));
    }

    // apiName, PRF id, INTEG id, IKEv1 hash, IKEv1 ESP auth, output, ICV
    [Theory]
    [InlineData("md5", 1, 1, 1, 1, 16, 12)]
    [InlineData("sha1", 2, 2, 2, 2, 20, 12)]
    [InlineData("sha256", 5, 12, 4, 5, 32, 16)]
    [InlineData("sha384", 6, 13, 5, 6, 48, 24)]
    [InlineData("sha512", 7, 14, 6, 7, 64, 32)]
    public void Auth_rows_carry_the_iana_and_rfc_identifiers(
        string api, int prfId, int integId, int v1Hash, int v1EspAuth, int outputLength, int icvLength)
    {
        var algorithm = AlgorithmCatalog.FindAuth(api);

        Assert.NotNull(algorithm);
        Assert.Equal(prfId, algorithm.Ikev2PrfId);
        Assert.Equal(integId, algorithm.Ikev2IntegrityId);
        Assert.Equal(v1Hash, algorithm.Ikev1HashAttribute);
        Assert.Equal(v1EspAuth, algorithm.Ikev1EspAuthAttribute);
        Assert.Equal(outputLength, algorithm.OutputLength);
        Assert.Equal(outputLength, algorithm.IntegrityKeyLength);
        Assert.Equal(outputLength, algorithm.PrfKeyLength);
        Assert.Equal(icvLength, algorithm.IcvLength);

        Assert.Same(algorithm, AlgorithmCatalog.FindAuthByIkev2Prf((ushort)prfId));
        Assert.Same(algorithm, AlgorithmCatalog.FindAuthByIkev2Integrity((ushort)integId));
        Assert.Same(algorithm, AlgorithmCatalog.FindAuthByIkev1Hash((ushort)v1Hash));
        Assert.Same(algorithm, AlgorithmCatalog.FindAuthByIkev1EspAuth((ushort)v1EspAuth));
        Assert.Same(algorithm, AlgorithmCatalog.FindAuthByShortName(algorithm.ShortName));
        Assert.Same(algorithm, AlgorithmCatalog.FindAuthByShortName(algorithm.PrfShortName));
    }

    [Theory]
    [InlineData("group1", "modp768", 1, 768)]
    [InlineData("group2", "modp1024", 2, 1024)]
    [InlineData("group5", "modp1536", 5, 1536)]
    [InlineData("group14", "modp2048", 14, 2048)]
    public void Dh_groups_are_found_by_api_name_short_name_and_number(string api, string shortName, int id, int bits)
    {
        var group = AlgorithmCatalog.FindDhGroup(api);

        Assert.NotNull(group);
        Assert.Equal(bits / 8, group.PrimeLength);
        Assert.Equal(2, group.Generator);
        Assert.Same(group, AlgorithmCatalog.FindDhGroupByShortName(shortName));
        Assert.Same(group, AlgorithmCatalog.FindDhGroupById((ushort)id));
    }

    [Theory]
    [InlineData("aes", "aes")]
    [InlineData("AES256", "aes256")]
    [InlineData("3DES", "3des")]
    public void Encryption_short_names_accept_strongswan_spellings(string spelling, string api) =>
        Assert.Same(AlgorithmCatalog.FindEncryption(api), AlgorithmCatalog.FindEncryptionByShortName(spelling));

    [Theory]
    [InlineData("sha2_256", "sha256")]
    [InlineData("SHA1", "sha1")]
    [InlineData("prfsha384", "sha384")]
    [InlineData("md5", "md5")]
    public void Auth_short_names_accept_strongswan_spellings(string spelling, string api) =>
        Assert.Same(AlgorithmCatalog.FindAuth(api), AlgorithmCatalog.FindAuthByShortName(spelling));

    [Fact]
    public void Unknown_names_and_ids_find_nothing()
    {
        // sm4/sm3 are found (their rows and numbers are tested in Sm/SmIdentifiersTests); spelled otherwise they are not.
        Assert.Null(AlgorithmCatalog.FindEncryption("SM4"));
        Assert.Null(AlgorithmCatalog.FindAuth("SM3"));
        Assert.Null(AlgorithmCatalog.FindEncryption("AES")); // API names are case-sensitive, like the API
        Assert.Null(AlgorithmCatalog.FindEncryptionByIkev2(12, null)); // AES-CBC without Key Length attribute
        Assert.Null(AlgorithmCatalog.FindEncryptionByIkev2(12, 64));
        Assert.Null(AlgorithmCatalog.FindEncryptionByIkev2(3, 192)); // 3DES with a Key Length attribute
        Assert.Null(AlgorithmCatalog.FindAuthByIkev2Integrity(5)); // AUTH_AES_XCBC_96
        Assert.Null(AlgorithmCatalog.FindDhGroupById(19)); // ECP-256
        Assert.Null(AlgorithmCatalog.FindDhGroup("group24"));
    }

    [Fact]
    public void Every_api_name_of_the_product_resolves()
    {
        // PRODUCT.md §3: ikeEncAlg, ikeAuthAlg, ikePfs for standard gateways.
        Assert.All(new[] { "aes", "aes192", "aes256", "des", "3des" }, n => Assert.NotNull(AlgorithmCatalog.FindEncryption(n)));
        Assert.All(new[] { "sha1", "md5", "sha256", "sha384", "sha512" }, n => Assert.NotNull(AlgorithmCatalog.FindAuth(n)));
        Assert.All(new[] { "group1", "group2", "group5", "group14" }, n => Assert.NotNull(AlgorithmCatalog.FindDhGroup(n)));
        Assert.Equal(HashAlgorithmName.SHA384, AlgorithmCatalog.FindAuth("sha384")!.Hash);
    }
}
