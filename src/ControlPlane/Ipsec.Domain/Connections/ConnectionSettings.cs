namespace Ipsec.Domain;

/// <summary>
/// A connection's validated configuration (PRODUCT.md section 3) with every default filled in. <see cref="RoutingMode"/>
/// is null on legacy gateways. The PSK is a secret and is kept apart from the settings.
/// </summary>
public sealed record ConnectionSettings(
    string Name,
    string VpnGatewayId,
    string CustomerGatewayId,
    RoutingMode? RoutingMode,
    IReadOnlyList<string> LocalSubnets,
    IReadOnlyList<string> RemoteSubnets,
    bool EffectImmediately,
    IkeConfig IkeConfig,
    IpsecConfig IpsecConfig,
    bool EnableDpd,
    bool EnableNatTraversal,
    BgpConfig BgpConfig,
    HealthCheckConfig HealthCheckConfig,
    string? RemoteCaCertificate);
