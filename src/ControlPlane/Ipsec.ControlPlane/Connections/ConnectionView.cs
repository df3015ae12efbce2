using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Connections;

/// <summary>A connection as the API shows it: the section-3 fields, its states, and the history of changes. The PSK
/// appears only when one connection is read by its owner, never in a list.</summary>
public sealed record ConnectionView(
    string ConnectionId,
    string Name,
    string VpnGatewayId,
    string CustomerGatewayId,
    RoutingMode? RoutingMode,
    IReadOnlyList<string> LocalSubnets,
    IReadOnlyList<string> RemoteSubnets,
    bool EffectImmediately,
    string? Psk,
    IkeConfig IkeConfig,
    IpsecConfig IpsecConfig,
    bool EnableDpd,
    bool EnableNatTraversal,
    BgpConfig BgpConfig,
    HealthCheckConfig HealthCheckConfig,
    string? RemoteCaCertificate,
    TunnelStatus Status,
    string StatusReason,
    ProvisioningState ProvisioningState,
    string? DpdState,
    string? HealthCheckState,
    string? BgpState,
    IReadOnlyList<ApiWarning> Warnings,
    IReadOnlyList<StatusChange> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ConnectionView From(ConnectionRecord r, string? psk)
    {
        var s = r.Settings;
        // DPD runs while an IKE SA is up; the health state is the last transition the engine's health check reported.
        string? dpd = !s.EnableDpd ? null
            : r.Status is TunnelStatus.IkeSaEstablished or TunnelStatus.IpsecSaEstablished or TunnelStatus.IpsecSaNotEstablished ? "monitoring"
            : r.StatusReason.StartsWith("peer dead", StringComparison.Ordinal) ? "peer_dead" : "not_monitored";
        string? health = !s.HealthCheckConfig.Enable ? null : Engine.EngineEventRecorder.HealthState(r) ?? "unknown";
        string? bgp = !s.BgpConfig.EnableBgp ? null : Engine.EngineEventRecorder.BgpState(r) ?? "not_configured";
        return new ConnectionView(r.ConnectionId, s.Name, s.VpnGatewayId, s.CustomerGatewayId, s.RoutingMode, s.LocalSubnets, s.RemoteSubnets,
            s.EffectImmediately, psk, s.IkeConfig, s.IpsecConfig, s.EnableDpd, s.EnableNatTraversal, s.BgpConfig, s.HealthCheckConfig,
            s.RemoteCaCertificate, r.Status, r.StatusReason, r.ProvisioningState, dpd, health, bgp, r.Warnings, r.History, r.CreatedAt, r.UpdatedAt);
    }
}
