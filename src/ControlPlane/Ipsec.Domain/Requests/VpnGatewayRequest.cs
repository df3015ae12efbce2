namespace Ipsec.Domain;

/// <summary>Body of <c>POST /api/vpn-gateways</c>, raw; checked by <see cref="GatewayRules.ValidateVpnGateway"/>.</summary>
public sealed record VpnGatewayRequest(
    string? Name = null,
    string? Kind = null,
    string? Version = null,
    string? PublicIp = null,
    IReadOnlyList<string>? VpcCidrs = null);
