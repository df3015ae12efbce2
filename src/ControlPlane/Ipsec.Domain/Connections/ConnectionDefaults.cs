namespace Ipsec.Domain;

/// <summary>
/// The values a connection gets for what the request leaves out (PRODUCT.md section 3, "default" column). They follow
/// RFC 8247 (ikev2, aes, sha256, group14) rather than the ikev1/md5/group2 some clouds default to. sm gateways take the
/// SM suite: GM/T 0022 is IKEv1-based, SM4 and SM3, and the suite fixes the key exchange, so there is no DH group.
/// </summary>
public static class ConnectionDefaults
{
    public const int Lifetime = 86400;
    public const long LocalAsn = 45104;
    public const int HealthCheckInterval = 3;
    public const int HealthCheckRetry = 3;

    /// <summary>System defaults of the allow-listed switches (seed: DPD and NAT-T on, BGP and health check off).</summary>
    public const bool EnableDpd = true;
    public const bool EnableNatTraversal = true;
    public const bool EnableBgp = false;
    public const bool EnableHealthCheck = false;
    public const bool EffectImmediately = false;

    public static RoutingMode? RoutingModeFor(GatewayVersion version) =>
        version == GatewayVersion.Legacy ? null : RoutingMode.Destination;

    /// <summary>On sm gateways <paramref name="remoteId"/> has no default (it is the peer CA's DN); pass "".</summary>
    public static IkeConfig IkeConfigFor(GatewayKind kind, string localId, string remoteId) => kind == GatewayKind.Sm
        ? new IkeConfig(IkeVersion.Ikev1, IkeMode.Main, "sm4", "sm3", null, Lifetime, localId, remoteId)
        : new IkeConfig(IkeVersion.Ikev2, IkeMode.Main, "aes", "sha256", "group14", Lifetime, localId, remoteId);

    /// <summary>
    /// sm phase 2 has no PFS group: the SM suite keys phase 2 from phase 1 and none of the MODP groups belongs to it,
    /// so <see cref="IpsecConfig.IpsecPfs"/> is fixed to "disabled" there.
    /// </summary>
    public static IpsecConfig IpsecConfigFor(GatewayKind kind) => kind == GatewayKind.Sm
        ? new IpsecConfig("sm4", "sm3", AlgorithmCatalog.PfsDisabled, Lifetime)
        : new IpsecConfig("aes", "sha256", "group14", Lifetime);

    public static BgpConfig BgpConfig { get; } = new(EnableBgp, null, null, LocalAsn);

    public static HealthCheckConfig HealthCheckConfig { get; } = new(EnableHealthCheck, null, null, HealthCheckInterval, HealthCheckRetry);
}
