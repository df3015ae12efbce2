namespace Ipsec.Domain;

/// <summary>
/// A cloud VPN gateway (PRODUCT.md section 2). <see cref="SmCertificatesBound"/>: an sm gateway needs its signing and
/// encryption certificates before a connection can be created on it. <see cref="BgpEnabled"/>: once a connection on the
/// gateway enabled BGP it stays on (seed: "VPN网关开启BGP功能后，不支持关闭").
/// </summary>
public sealed record VpnGateway(
    string VpnGatewayId,
    string AccountId,
    string Name,
    GatewayKind Kind,
    GatewayVersion Version,
    string PublicIp,
    IReadOnlyList<string> VpcCidrs,
    bool SmCertificatesBound,
    bool BgpEnabled);
