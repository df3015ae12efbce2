namespace Ipsec.Domain;

/// <summary>A route by destination in the gateway's route table, added by the user for destination-mode connections.</summary>
public sealed record DestinationRoute(string RouteId, string VpnGatewayId, string? ConnectionId, string DestinationCidr, bool Published);
