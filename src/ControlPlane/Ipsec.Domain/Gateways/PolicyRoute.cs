namespace Ipsec.Domain;

/// <summary>
/// A route by source and destination in the gateway's policy route table; added unpublished for protectedFlows
/// connections until the user publishes it to the VPC (seed: "路由默认是未发布状态").
/// </summary>
public sealed record PolicyRoute(string RouteId, string VpnGatewayId, string ConnectionId, string SourceCidr, string DestinationCidr, bool Published);
