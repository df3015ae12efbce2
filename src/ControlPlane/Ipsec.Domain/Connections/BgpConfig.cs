namespace Ipsec.Domain;

/// <summary>BGP over the tunnel: a /30 in 169.254.0.0/16, our address in it, and our AS number.</summary>
public sealed record BgpConfig(bool EnableBgp, string? TunnelCidr, string? LocalBgpIp, long LocalAsn);
