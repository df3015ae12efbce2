using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.Asn1.GM;

namespace Ipsec.Crypto.Tests.Sm;

public class SmIdentifiersTests
{
    [Fact]
    public void Every_row_names_its_source_and_is_either_a_number_or_an_oid()
    {
        Assert.NotEmpty(SmIdentifiers.All);
        foreach (var row in SmIdentifiers.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Name));
            Assert.False(string.IsNullOrWhiteSpace(row.Field));
            Assert.False(string.IsNullOrWhiteSpace(row.Source), row.Name);
            Assert.True(row.Value.HasValue ^ row.Oid is not null, row.Name);
        }
    }

    [Fact]
    public void No_two_rows_give_one_field_the_same_value()
    {
        var duplicates = SmIdentifiers.All
            .GroupBy(row => (row.Field, row.Value, row.Oid))
            .Where(group => group.Count() > 1)
            .Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Private_use_numbers_lie_in_the_private_ranges()
    {
        // RFC 7296 §3.3.2 (transform ids 1024-65535), RFC 2409 Appendix A (auth methods 65001-65535, classes 32001-32767).
        Assert.InRange(SmIdentifiers.Ikev2EncrSm4Cbc, 1024, 65535);
        Assert.InRange(SmIdentifiers.Ikev2PrfHmacSm3, 1024, 65535);
        Assert.InRange(SmIdentifiers.Ikev2IntegHmacSm3_128, 1024, 65535);
        Assert.InRange(SmIdentifiers.Ikev1AuthMethodSm2Signature, 65001, 65535);
        Assert.InRange(SmIdentifiers.Ikev1AsymmetricAlgorithmAttributeClass, 32001, 32767);
        Assert.All(
            SmIdentifiers.All.Where(row => row.Origin == SmIdentifierOrigin.PrivateUse),
            row => Assert.Contains("private", row.Source, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Oids_agree_with_bouncycastle()
    {
        Assert.Equal(SmIdentifiers.OidSm2Curve, GMObjectIdentifiers.sm2p256v1.Id);
        Assert.Equal(SmIdentifiers.OidSm3, GMObjectIdentifiers.sm3.Id);
        Assert.Equal(SmIdentifiers.OidSm2WithSm3, GMObjectIdentifiers.sm2sign_with_sm3.Id);
        Assert.Equal(SmIdentifiers.OidSm4Cbc, GMObjectIdentifiers.sms4_cbc.Id);
    }

    [Fact]
    public void Sm4_row_carries_the_table_numbers_and_is_found_by_each()
    {
        var sm4 = AlgorithmCatalog.Sm4;

        Assert.Same(sm4, AlgorithmCatalog.FindEncryption("sm4"));
        Assert.Same(sm4, AlgorithmCatalog.FindEncryptionByShortName("sm4cbc"));
        Assert.Same(sm4, AlgorithmCatalog.FindEncryptionByIkev2(SmIdentifiers.Ikev2EncrSm4Cbc, null));
        Assert.Same(sm4, AlgorithmCatalog.FindEncryptionByIkev1Phase1(SmIdentifiers.Ikev1Phase1EncryptionSm4, null));
        Assert.Same(sm4, AlgorithmCatalog.FindEncryptionByIkev1Esp(SmIdentifiers.EspTransformSm4Cbc, null));
        Assert.Equal((16, 16, 16, CipherFamily.Sm4), (sm4.KeyLength, sm4.BlockSize, sm4.IvLength, sm4.Family));
    }

    [Fact]
    public void Sm3_row_carries_the_table_numbers_and_is_found_by_each()
    {
        var sm3 = AlgorithmCatalog.Sm3;

        Assert.Same(sm3, AlgorithmCatalog.FindAuth("sm3"));
        Assert.Same(sm3, AlgorithmCatalog.FindAuthByShortName("sm3"));
        Assert.Same(sm3, AlgorithmCatalog.FindAuthByShortName("prfsm3"));
        Assert.Same(sm3, AlgorithmCatalog.FindAuthByIkev2Prf(SmIdentifiers.Ikev2PrfHmacSm3));
        Assert.Same(sm3, AlgorithmCatalog.FindAuthByIkev2Integrity(SmIdentifiers.Ikev2IntegHmacSm3_128));
        Assert.Same(sm3, AlgorithmCatalog.FindAuthByIkev1Hash(SmIdentifiers.Ikev1Phase1HashSm3));
        Assert.Same(sm3, AlgorithmCatalog.FindAuthByIkev1EspAuth(SmIdentifiers.EspAuthHmacSm3));
        Assert.Equal((32, 32, 16, 32), (sm3.OutputLength, sm3.IntegrityKeyLength, sm3.IcvLength, sm3.PrfKeyLength));
        Assert.Equal(Sm3Hash.Name, sm3.Hash);
    }

    [Fact]
    public void Sm_rows_stay_out_of_the_standard_lists_and_collide_with_none_of_them()
    {
        Assert.DoesNotContain(AlgorithmCatalog.Sm4, AlgorithmCatalog.EncryptionAlgorithms);
        Assert.DoesNotContain(AlgorithmCatalog.Sm3, AlgorithmCatalog.AuthAlgorithms);
        Assert.Equal([AlgorithmCatalog.Sm4], AlgorithmCatalog.SmEncryptionAlgorithms);
        Assert.Equal([AlgorithmCatalog.Sm3], AlgorithmCatalog.SmAuthAlgorithms);
        foreach (var standard in AlgorithmCatalog.EncryptionAlgorithms)
        {
            Assert.NotEqual(standard.Ikev2TransformId, AlgorithmCatalog.Sm4.Ikev2TransformId);
            Assert.NotEqual(standard.Ikev1Phase1Value, AlgorithmCatalog.Sm4.Ikev1Phase1Value);
            Assert.NotEqual(standard.Ikev1EspTransformId, AlgorithmCatalog.Sm4.Ikev1EspTransformId);
        }

        foreach (var standard in AlgorithmCatalog.AuthAlgorithms)
        {
            Assert.NotEqual(standard.Ikev2PrfId, AlgorithmCatalog.Sm3.Ikev2PrfId);
            Assert.NotEqual(standard.Ikev2IntegrityId, AlgorithmCatalog.Sm3.Ikev2IntegrityId);
            Assert.NotEqual(standard.Ikev1HashAttribute, AlgorithmCatalog.Sm3.Ikev1HashAttribute);
            Assert.NotEqual(standard.Ikev1EspAuthAttribute, AlgorithmCatalog.Sm3.Ikev1EspAuthAttribute);
        }
    }
}
