namespace Ipsec.Domain;

/// <summary>
/// The <c>bgpConfig</c> object of a request; null members were not given. <see cref="LocalAsn"/> is text because the
/// API takes a JSON number (asplain) or a string (asplain or asdot "x.y").
/// </summary>
public sealed record BgpConfigRequest(
    bool? EnableBgp = null,
    string? TunnelCidr = null,
    string? LocalBgpIp = null,
    string? LocalAsn = null);
