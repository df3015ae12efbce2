namespace Ipsec.Domain;

/// <summary>The peer device in the customer's data centre; <see cref="Asn"/> is needed for BGP.</summary>
public sealed record CustomerGateway(string CustomerGatewayId, string AccountId, string Name, string IpAddress, long? Asn);
