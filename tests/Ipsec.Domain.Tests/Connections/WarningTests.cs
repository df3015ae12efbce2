namespace Ipsec.Domain.Tests.Connections;

public class WarningTests
{
    private static Validated<ConnectionSettings> Create(IkeConfigRequest? ike = null, IpsecConfigRequest? ipsec = null) =>
        ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { IkeConfig = ike, IpsecConfig = ipsec }, Fixtures.Context());

    private static IReadOnlyList<(string Code, string Field)> WarningsOf(Validated<ConnectionSettings> result)
    {
        Expect.Valid(result);
        return result.Warnings.Select(w => (w.Code, w.Field)).ToList();
    }

    [Theory]
    [InlineData("ikev1", "main", "vpn.example.com", null, "ikeConfig.localId")]
    [InlineData("ikev1", "main", null, "idc.example.com", "ikeConfig.remoteId")]
    [InlineData("ikev1", "aggressive", "vpn.example.com", "idc.example.com", null)]   // the advice followed
    [InlineData("ikev2", "main", "vpn.example.com", "idc.example.com", null)]         // IKEv2 has no modes
    [InlineData("ikev1", "main", "47.100.0.1", "203.0.113.10", null)]                 // IP identities
    public void Fqdn_identity_with_ikev1_main_mode_warns(string version, string mode, string? localId, string? remoteId, string? warnedField)
    {
        var warnings = WarningsOf(Create(new IkeConfigRequest(version, mode, LocalId: localId, RemoteId: remoteId)));
        if (warnedField is null) Assert.Empty(warnings);
        else Assert.Equal([("Warning.FqdnWithMainMode", warnedField)], warnings);
    }

    [Fact]
    public void Both_fqdn_identities_warn_once_each()
    {
        var warnings = WarningsOf(Create(new IkeConfigRequest("ikev1", "main", LocalId: "vpn.example.com", RemoteId: "idc.example.com")));
        Assert.Equal([("Warning.FqdnWithMainMode", "ikeConfig.localId"), ("Warning.FqdnWithMainMode", "ikeConfig.remoteId")], warnings);
    }

    public static TheoryData<IkeConfigRequest?, IpsecConfigRequest?, string?> WeakAlgorithms => new()
    {
        { new IkeConfigRequest(IkeEncAlg: "des"), null, "ikeConfig.ikeEncAlg" },
        { new IkeConfigRequest(IkeAuthAlg: "md5"), null, "ikeConfig.ikeAuthAlg" },
        { new IkeConfigRequest(IkePfs: "group1"), null, "ikeConfig.ikePfs" },
        { new IkeConfigRequest(IkePfs: "group2"), null, "ikeConfig.ikePfs" },
        { new IkeConfigRequest(IkePfs: "group5"), null, "ikeConfig.ikePfs" },
        { null, new IpsecConfigRequest(IpsecEncAlg: "des"), "ipsecConfig.ipsecEncAlg" },
        { null, new IpsecConfigRequest(IpsecAuthAlg: "md5"), "ipsecConfig.ipsecAuthAlg" },
        { null, new IpsecConfigRequest(IpsecPfs: "group2"), "ipsecConfig.ipsecPfs" },
        { new IkeConfigRequest(IkeEncAlg: "3des", IkeAuthAlg: "sha1"), null, null },        // not on the product's warning list
        { null, new IpsecConfigRequest(IpsecPfs: "disabled"), null },
    };

    [Theory]
    [MemberData(nameof(WeakAlgorithms))]
    public void Weak_algorithms_warn_once_per_field(IkeConfigRequest? ike, IpsecConfigRequest? ipsec, string? warnedField)
    {
        var warnings = WarningsOf(Create(ike, ipsec));
        if (warnedField is null) Assert.Empty(warnings);
        else Assert.Equal([("Warning.WeakAlgorithm", warnedField)], warnings);
    }

    [Fact]
    public void Every_weak_field_gets_its_own_warning()
    {
        var result = Create(new IkeConfigRequest(IkeEncAlg: "des", IkeAuthAlg: "md5", IkePfs: "group1"),
            new IpsecConfigRequest("des", "md5", "group5"));
        Assert.Equal(6, WarningsOf(result).Count);
        Assert.All(result.Warnings, w => Assert.Contains("RFC", w.Message));
    }
}
