namespace Ipsec.Domain;

/// <summary>Bounds on gateway requests that the product leaves open.</summary>
public static class GatewayLimits
{
    /// <summary>CIDR blocks of the VPC behind one VPN gateway (a VPC has one primary and a few secondary blocks).</summary>
    public const int MaxVpcCidrs = 32;
}
