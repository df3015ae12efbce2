namespace Ipsec.Domain.Tests.Connections;

public class IpsecConfigTests
{
    private static Validated<ConnectionSettings> Create(IpsecConfigRequest ipsec) =>
        ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { IpsecConfig = ipsec }, Fixtures.Context());

    private static Validated<ConnectionSettings> CreateSm(IpsecConfigRequest ipsec) =>
        ConnectionRules.ValidateCreate(Fixtures.SmRequest() with { IpsecConfig = ipsec }, Fixtures.SmContext());

    [Theory]
    [InlineData("aes256", null)]
    [InlineData("3des", null)]
    [InlineData("sm4", "InvalidParameter.IpsecConfig.IpsecEncAlg")]
    [InlineData("null", "InvalidParameter.IpsecConfig.IpsecEncAlg")]
    public void Standard_encryption(string alg, string? code) =>
        Expect.Outcome(Create(new IpsecConfigRequest(IpsecEncAlg: alg)), code, "ipsecConfig.ipsecEncAlg");

    [Theory]
    [InlineData("sha1", null)]
    [InlineData("sha512", null)]
    [InlineData("sm3", "InvalidParameter.IpsecConfig.IpsecAuthAlg")]
    public void Standard_authentication(string alg, string? code) =>
        Expect.Outcome(Create(new IpsecConfigRequest(IpsecAuthAlg: alg)), code, "ipsecConfig.ipsecAuthAlg");

    [Theory]
    [InlineData("disabled", null)]
    [InlineData("group14", null)]
    [InlineData("group5", null)]
    [InlineData("group3", "InvalidParameter.IpsecConfig.IpsecPfs")]
    [InlineData("enabled", "InvalidParameter.IpsecConfig.IpsecPfs")]
    public void Standard_pfs(string pfs, string? code) =>
        Expect.Outcome(Create(new IpsecConfigRequest(IpsecPfs: pfs)), code, "ipsecConfig.ipsecPfs");

    [Theory]
    [InlineData(1, null)]
    [InlineData(86400, null)]
    [InlineData(0, "InvalidParameter.IpsecConfig.IpsecLifetime")]
    [InlineData(86401, "InvalidParameter.IpsecConfig.IpsecLifetime")]
    public void Ipsec_lifetime(int seconds, string? code) =>
        Expect.Outcome(Create(new IpsecConfigRequest(IpsecLifetime: seconds)), code, "ipsecConfig.ipsecLifetime");

    [Theory]
    [InlineData("sm4", "sm3", "disabled", null, null)]
    [InlineData("aes", "sm3", "disabled", "InvalidParameter.IpsecConfig.IpsecEncAlg", "ipsecConfig.ipsecEncAlg")]
    [InlineData("sm4", "sha256", "disabled", "InvalidParameter.IpsecConfig.IpsecAuthAlg", "ipsecConfig.ipsecAuthAlg")]
    [InlineData("sm4", "sm3", "group14", "InvalidParameter.IpsecConfig.IpsecPfs.NotSupportedOnSmGateway", "ipsecConfig.ipsecPfs")]
    public void Sm_suite_is_fixed(string enc, string auth, string pfs, string? code, string? field) =>
        Expect.Outcome(CreateSm(new IpsecConfigRequest(enc, auth, pfs)), code, field);
}
