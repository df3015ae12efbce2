namespace Ipsec.Domain;

/// <summary>
/// What the rules need besides the request: the caller's account, the gateways the request names (null when they do
/// not exist for this account), and the other connections on the gateway (to keep BGP tunnel CIDRs unique).
/// </summary>
public sealed record ConnectionContext(
    Account Account,
    VpnGateway? Gateway,
    CustomerGateway? CustomerGateway,
    IReadOnlyList<ConnectionSettings> OtherConnectionsOnGateway);
