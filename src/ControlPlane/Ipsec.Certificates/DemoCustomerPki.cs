using Ipsec.Crypto.Randomness;

namespace Ipsec.Certificates;

/// <summary>
/// The customer side of demos and tests: its own SM2 CA (subject <see cref="SmPkiDefaults.CustomerDemoCaSubject"/>,
/// independent of the cloud CA) and the dual certificates of one customer gateway, so our engine can play the customer
/// gateway against an sm gateway. Made with the same <see cref="SmCertificateAuthority"/> API as the cloud side.
/// </summary>
public sealed record DemoCustomerPki(SmCertificateAuthority Ca, SmGatewayCertificates Gateway)
{
    public static DemoCustomerPki Create(
        string customerGatewayId, TimeProvider clock, IRandomSource? random = null,
        string caSubject = SmPkiDefaults.CustomerDemoCaSubject)
    {
        var ca = SmCertificateAuthority.CreateSelfSigned(caSubject, SmPkiDefaults.CaValidity, clock, random);
        return new DemoCustomerPki(ca, ca.IssueGatewayCertificates(customerGatewayId, SmPkiDefaults.GatewayCertificateValidity));
    }
}
