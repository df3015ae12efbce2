using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ipsec.Domain.Tests;

/// <summary>Accounts, gateways and requests the rule tests start from; each test changes one thing.</summary>
internal static class Fixtures
{
    public const string AccountId = "acct-1";

    public static readonly Feature[] AllFeatures = [Feature.Dpd, Feature.NatTraversal, Feature.Bgp, Feature.HealthCheck];

    public static Account AccountWith(params Feature[] features) => new(AccountId, features.ToHashSet());

    public static readonly VpnGateway StandardGateway = new(
        "vpn-std", AccountId, "gw-standard", GatewayKind.Standard, GatewayVersion.Current, "47.100.0.1", ["10.0.0.0/16"],
        SmCertificatesBound: false, BgpEnabled: false);

    public static readonly VpnGateway SmGateway = new(
        "vpn-sm", AccountId, "gw-sm", GatewayKind.Sm, GatewayVersion.Current, "47.100.0.2", ["10.0.0.0/16"],
        SmCertificatesBound: true, BgpEnabled: false);

    public static readonly VpnGateway LegacyGateway = StandardGateway with { VpnGatewayId = "vpn-legacy", Version = GatewayVersion.Legacy };

    public static readonly CustomerGateway Customer = new("cgw-1", AccountId, "idc", "203.0.113.10", 65010);

    public const string PeerCaDn = "CN=idc-ca,OU=net,O=example,C=CN";

    /// <summary>A real PEM certificate (ECDSA, self-signed): the rule only checks the PEM/DER shape.</summary>
    public static readonly string CaPem = CreateCaPem();

    public static ConnectionRequest StandardRequest() => new(
        Name: "conn1",
        VpnGatewayId: StandardGateway.VpnGatewayId,
        CustomerGatewayId: Customer.CustomerGatewayId,
        LocalSubnets: ["10.0.1.0/24"],
        RemoteSubnets: ["192.168.0.0/24"]);

    public static ConnectionRequest SmRequest() => StandardRequest() with
    {
        VpnGatewayId = SmGateway.VpnGatewayId,
        IkeConfig = new IkeConfigRequest(RemoteId: PeerCaDn),
        RemoteCaCertificate = CaPem,
    };

    public static ConnectionContext Context(
        VpnGateway? gateway = null, Account? account = null, CustomerGateway? customerGateway = null,
        IReadOnlyList<ConnectionSettings>? others = null, bool noGateway = false, bool noCustomerGateway = false) =>
        new(account ?? AccountWith(AllFeatures),
            noGateway ? null : gateway ?? StandardGateway,
            noCustomerGateway ? null : customerGateway ?? Customer,
            others ?? []);

    public static ConnectionContext SmContext(Account? account = null) => Context(SmGateway, account);

    /// <summary>A valid standard connection as stored, for PATCH tests.</summary>
    public static ConnectionSettings ExistingStandard(Account? account = null)
    {
        var created = ConnectionRules.ValidateCreate(StandardRequest(), Context(account: account));
        Assert.True(created.IsValid, Expect.Describe(created.Errors));
        return created.Value!;
    }

    private static string CreateCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=idc-ca, OU=net, O=example, C=CN", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return certificate.ExportCertificatePem();
    }
}
