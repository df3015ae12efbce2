using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;
using Ipsec.Certificates;

namespace Ike.Engine.Tests.Sm;

/// <summary>
/// Two independent SM2 PKIs, as an sm gateway meets a customer gateway: the cloud CA certifies "a" (our sm gateway),
/// the customer's own CA (<see cref="DemoCustomerPki"/>) certifies "b". Neither trusts the other's CA until a connection
/// names it as its peer CA.
/// </summary>
internal sealed class SmPki
{
    public const string IkeSuite = "sm4/sm3/group14";
    public const string EspSuite = "sm4/sm3";

    private SmPki(SmCertificateAuthority cloud, SmGatewayCertificates gatewayA, DemoCustomerPki customer)
    {
        Cloud = cloud;
        GatewayA = gatewayA;
        Customer = customer;
    }

    public SmCertificateAuthority Cloud { get; }

    public SmGatewayCertificates GatewayA { get; }

    public DemoCustomerPki Customer { get; }

    public SmGatewayCertificates GatewayB => Customer.Gateway;

    /// <summary>Certificates issued at <paramref name="clock"/>'s now; <paramref name="customerClock"/> lets a test
    /// back-date the customer's PKI (an expired certificate).</summary>
    public static SmPki Create(TimeProvider clock, TimeProvider? customerClock = null)
    {
        var cloud = SmCertificateAuthority.CreateSelfSigned(SmPkiDefaults.CloudCaSubject, SmPkiDefaults.CaValidity, clock);
        return new SmPki(cloud, cloud.IssueGatewayCertificates("vgw-a", SmPkiDefaults.GatewayCertificateValidity),
            DemoCustomerPki.Create("cgw-b", customerClock ?? clock));
    }

    public static string SubjectOf(SmGatewayCertificates gateway) => X500NameMatching.ToRfc4514(gateway.Signing.Certificate.SubjectDN);

    /// <summary>"a"'s connection: remote ID the customer CA's subject (PRODUCT.md §3 remoteId of sm gateways) unless
    /// told otherwise.</summary>
    public ConnectionConfig ConfigA(string? remoteId = null, Org.BouncyCastle.X509.X509Certificate? peerCa = null,
        string? pfs = null, DpdConfig? dpd = null, TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null,
        IkeProtocol protocol = IkeProtocol.Ikev2) =>
        EnginePair.Config(psk: "", ike: IkeSuite, esp: EspSuite, pfs: pfs, dpd: dpd, ikeLifetime: ikeLifetime, childLifetime: childLifetime,
            localId: SubjectOf(GatewayA), remoteId: remoteId ?? Customer.Ca.SubjectDn)
        with { Certificates = Credentials(GatewayA, peerCa ?? Customer.Ca.Certificate), Protocol = protocol };

    /// <summary>"b"'s connection: remote ID "a"'s exact certificate subject.</summary>
    public ConnectionConfig ConfigB(string? remoteId = null, Org.BouncyCastle.X509.X509Certificate? peerCa = null, string? pfs = null,
        TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null, IkeProtocol protocol = IkeProtocol.Ikev2) =>
        EnginePair.Config(fromB: true, psk: "", ike: IkeSuite, esp: EspSuite, pfs: pfs, ikeLifetime: ikeLifetime, childLifetime: childLifetime,
            localId: SubjectOf(GatewayB), remoteId: remoteId ?? SubjectOf(GatewayA))
        with { Certificates = Credentials(GatewayB, peerCa ?? Cloud.Certificate), Protocol = protocol };

    private static CertificateCredentials Credentials(SmGatewayCertificates own, Org.BouncyCastle.X509.X509Certificate peerCa) =>
        new(own.Signing.Certificate, own.Signing.PrivateKey, own.Encryption.Certificate, own.Encryption.PrivateKey, peerCa);
}
