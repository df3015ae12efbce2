namespace Ipsec.Domain.Tests.Connections;

public class IkeConfigTests
{
    private static Validated<ConnectionSettings> Create(IkeConfigRequest ike) =>
        ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { IkeConfig = ike }, Fixtures.Context());

    private static Validated<ConnectionSettings> CreateSm(IkeConfigRequest ike) =>
        ConnectionRules.ValidateCreate(Fixtures.SmRequest() with { IkeConfig = ike with { RemoteId = ike.RemoteId ?? Fixtures.PeerCaDn } }, Fixtures.SmContext());

    [Theory]
    [InlineData("ikev1", null)]
    [InlineData("ikev2", null)]
    [InlineData("ikev3", "InvalidParameter.IkeConfig.IkeVersion")]
    [InlineData("", "InvalidParameter.IkeConfig.IkeVersion")]
    public void Ike_version(string version, string? code) =>
        Expect.Outcome(Create(new IkeConfigRequest(IkeVersion: version)), code, "ikeConfig.ikeVersion");

    [Theory]
    [InlineData("ikev1", "main", null, null)]
    [InlineData("ikev1", "aggressive", null, null)]
    [InlineData("ikev2", "main", null, null)]
    [InlineData("ikev2", "aggressive", "InvalidParameter.IkeConfig.IkeMode.AggressiveModeRequiresIkev1", "ikeConfig.ikeMode")]
    [InlineData("ikev1", "quick", "InvalidParameter.IkeConfig.IkeMode", "ikeConfig.ikeMode")]
    public void Ike_mode_aggressive_only_with_ikev1(string version, string mode, string? code, string? field) =>
        Expect.Outcome(Create(new IkeConfigRequest(IkeVersion: version, IkeMode: mode)), code, field);

    [Fact]
    public void Aggressive_without_a_version_meets_the_ikev2_default() =>
        Expect.OnlyError(Create(new IkeConfigRequest(IkeMode: "aggressive")),
            "InvalidParameter.IkeConfig.IkeMode.AggressiveModeRequiresIkev1", "ikeConfig.ikeMode");

    [Theory]
    [InlineData("aes", null)]
    [InlineData("aes192", null)]
    [InlineData("aes256", null)]
    [InlineData("3des", null)]
    [InlineData("des", null)]
    [InlineData("sm4", "InvalidParameter.IkeConfig.IkeEncAlg")]
    [InlineData("chacha20", "InvalidParameter.IkeConfig.IkeEncAlg")]
    public void Standard_encryption(string alg, string? code) =>
        Expect.Outcome(Create(new IkeConfigRequest(IkeEncAlg: alg)), code, "ikeConfig.ikeEncAlg");

    [Theory]
    [InlineData("sha1", null)]
    [InlineData("md5", null)]
    [InlineData("sha256", null)]
    [InlineData("sha384", null)]
    [InlineData("sha512", null)]
    [InlineData("sm3", "InvalidParameter.IkeConfig.IkeAuthAlg")]
    [InlineData("sha3", "InvalidParameter.IkeConfig.IkeAuthAlg")]
    public void Standard_authentication(string alg, string? code) =>
        Expect.Outcome(Create(new IkeConfigRequest(IkeAuthAlg: alg)), code, "ikeConfig.ikeAuthAlg");

    [Theory]
    [InlineData("group1", null)]
    [InlineData("group2", null)]
    [InlineData("group5", null)]
    [InlineData("group14", null)]
    [InlineData("group24", "InvalidParameter.IkeConfig.IkePfs")]
    [InlineData("disabled", "InvalidParameter.IkeConfig.IkePfs")]   // phase 1 always has a DH exchange
    public void Standard_ike_dh_group(string group, string? code) =>
        Expect.Outcome(Create(new IkeConfigRequest(IkePfs: group)), code, "ikeConfig.ikePfs");

    [Theory]
    [InlineData(1, null)]
    [InlineData(86400, null)]
    [InlineData(0, "InvalidParameter.IkeConfig.IkeLifetime")]
    [InlineData(-5, "InvalidParameter.IkeConfig.IkeLifetime")]
    [InlineData(86401, "InvalidParameter.IkeConfig.IkeLifetime")]
    public void Ike_lifetime(int seconds, string? code) =>
        Expect.Outcome(Create(new IkeConfigRequest(IkeLifetime: seconds)), code, "ikeConfig.ikeLifetime");

    public static TheoryData<string, string?> Identities => new()
    {
        { "47.100.0.1", null },
        { "vpn.example.com", null },
        { "vpn", null },
        { new string('a', 63) + "." + new string('b', 36), null },               // 100 characters
        { new string('a', 63) + "." + new string('b', 37), "x" },                 // 101 characters
        { "has space.example.com", "x" },
        { "1.2.3.256", "x" },
        { "", "x" },
        { "CN=idc,O=example", "x" },                                               // a DN is for sm remote ids only
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void Local_id_is_an_ip_or_fqdn(string id, string? refused) =>
        Expect.Outcome(Create(new IkeConfigRequest(LocalId: id)), refused is null ? null : "InvalidParameter.IkeConfig.LocalId", "ikeConfig.localId");

    [Theory]
    [MemberData(nameof(Identities))]
    public void Remote_id_is_an_ip_or_fqdn_on_standard_gateways(string id, string? refused) =>
        Expect.Outcome(Create(new IkeConfigRequest(RemoteId: id)), refused is null ? null : "InvalidParameter.IkeConfig.RemoteId", "ikeConfig.remoteId");

    [Theory]
    [InlineData("sm4", null)]
    [InlineData("aes", "InvalidParameter.IkeConfig.IkeEncAlg")]
    public void Sm_encryption(string alg, string? code) =>
        Expect.Outcome(CreateSm(new IkeConfigRequest(IkeEncAlg: alg)), code, "ikeConfig.ikeEncAlg");

    [Theory]
    [InlineData("sm3", null)]
    [InlineData("sha256", "InvalidParameter.IkeConfig.IkeAuthAlg")]
    public void Sm_authentication(string alg, string? code) =>
        Expect.Outcome(CreateSm(new IkeConfigRequest(IkeAuthAlg: alg)), code, "ikeConfig.ikeAuthAlg");

    [Fact]
    public void Sm_refuses_an_ike_dh_group() =>
        Expect.OnlyError(CreateSm(new IkeConfigRequest(IkePfs: "group14")), "InvalidParameter.IkeConfig.IkePfs.NotSupportedOnSmGateway", "ikeConfig.ikePfs");

    [Theory]
    [InlineData("ikev2", "main", null, null)]        // the seed offers ikev2 and aggressive on sm gateways too
    [InlineData("ikev1", "aggressive", null, null)]
    [InlineData("ikev2", "aggressive", "InvalidParameter.IkeConfig.IkeMode.AggressiveModeRequiresIkev1", "ikeConfig.ikeMode")]
    public void Sm_versions_and_modes(string version, string mode, string? code, string? field) =>
        Expect.Outcome(CreateSm(new IkeConfigRequest(IkeVersion: version, IkeMode: mode)), code, field);

    [Theory]
    [InlineData("CN=idc,OU=net,O=example,C=CN", null)]
    [InlineData("CN=idc, O=Example Corp, C=CN", null)]
    [InlineData("203.0.113.10", "InvalidParameter.IkeConfig.RemoteId")]
    [InlineData("idc.example.com", "InvalidParameter.IkeConfig.RemoteId")]
    [InlineData("CM=idc", "InvalidParameter.IkeConfig.RemoteId")]
    public void Sm_remote_id_is_a_dn(string id, string? code) =>
        Expect.Outcome(CreateSm(new IkeConfigRequest(RemoteId: id)), code, "ikeConfig.remoteId");

    [Fact]
    public void Sm_remote_id_is_required()
    {
        var request = Fixtures.SmRequest() with { IkeConfig = null };
        Expect.OnlyError(ConnectionRules.ValidateCreate(request, Fixtures.SmContext()), "MissingParameter.IkeConfig.RemoteId", "ikeConfig.remoteId");
    }
}
