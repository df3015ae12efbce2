namespace Ipsec.Certificates;

/// <summary>Subjects and lifetimes the service uses unless told otherwise.</summary>
public static class SmPkiDefaults
{
    /// <summary>The cloud side's SM2 CA, which issues the certificates of sm gateways.</summary>
    public const string CloudCaSubject = "CN=IpsecFunctions SM2 CA,O=IpsecFunctions,C=CN";

    /// <summary>The customer-side CA of demos and tests, a separate PKI: its subject is PRODUCT.md's remoteId example,
    /// so a connection to the demo customer gateway uses it as remoteId.</summary>
    public const string CustomerDemoCaSubject = "CN=idc,OU=net,O=example,C=CN";

    /// <summary>Ten years for a CA.</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    /// <summary>Two years for a gateway certificate, cut to the CA's expiry.</summary>
    public static readonly TimeSpan GatewayCertificateValidity = TimeSpan.FromDays(730);
}
