namespace Ipsec.Domain;

/// <summary>
/// Body of <c>POST /api/customer-gateways</c>, raw; checked by <see cref="GatewayRules.ValidateCustomerGateway"/>.
/// <see cref="Asn"/> is text: a JSON number or an asplain/asdot string.
/// </summary>
public sealed record CustomerGatewayRequest(string? Name = null, string? IpAddress = null, string? Asn = null);
