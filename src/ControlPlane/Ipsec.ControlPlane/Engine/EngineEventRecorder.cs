using Ike.Engine.Api;
using Ipsec.ControlPlane.Events;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;
using Microsoft.Extensions.Logging;

namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// Records what the engine reports as the connection's status (PRODUCT.md section 4): <c>ike_sa_not_established</c> →
/// <c>ike_sa_established</c> → <c>ipsec_sa_established</c>, back down when SAs are deleted or the peer is dead (DPD),
/// and every failed negotiation with the engine's diagnostic (exchange, side, what did not match). Each change is
/// written with its reason and time and published on the events queue through the connection's outbox.
/// </summary>
public sealed partial class EngineEventRecorder(ConnectionStore connections, EventPublisher events, ILogger<EngineEventRecorder> log)
{
    public async Task RecordAsync(EngineEvent e, CancellationToken ct)
    {
        if (!EngineConnectionNames.TryParse(e.Connection, out var accountId, out var connectionId)) return;
        var record = await connections.UpdateAsync(accountId, connectionId, r => Apply(r, e), ct);
        if (record is null) return;   // deleted meanwhile
        await events.PublishPendingAsync(record, ct);
        LogRecorded(log, e.Type.ToString(), connectionId);
    }

    /// <summary>The state change one engine event makes, or null when it changes nothing.</summary>
    static ConnectionRecord? Apply(ConnectionRecord r, EngineEvent e)
    {
        if (r.ProvisioningState is ProvisioningState.Deleting) return null;
        string reason = e.Diagnostic?.Message ?? e.Detail;
        return e.Type switch
        {
            EngineEventType.IkeSaEstablished => To(r, r.Status == TunnelStatus.IpsecSaEstablished ? r.Status : TunnelStatus.IkeSaEstablished, e, reason),
            EngineEventType.ChildSaEstablished => To(r, TunnelStatus.IpsecSaEstablished, e, reason),
            EngineEventType.ChildSaDeleted => r.Status == TunnelStatus.IpsecSaEstablished ? To(r, TunnelStatus.IpsecSaNotEstablished, e, reason) : null,
            EngineEventType.IkeSaDeleted => To(r, TunnelStatus.IkeSaNotEstablished, e, reason),
            EngineEventType.PeerDead => To(r, TunnelStatus.IkeSaNotEstablished, e, "peer dead (DPD): " + reason, "dpd", "peer_dead"),
            EngineEventType.NegotiationFailed => Failed(r, e, reason),
            EngineEventType.TrafficTriggered => r.WithChange("negotiation", null, "triggered_by_traffic", reason, e.At),
            EngineEventType.HealthCheckFailed => r.WithChange("healthCheck", HealthState(r), "unhealthy", reason, e.At),
            EngineEventType.HealthCheckRecovered => r.WithChange("healthCheck", HealthState(r), "healthy", reason, e.At),
            EngineEventType.IkeSaRekeyed or EngineEventType.ChildSaRekeyed => r.WithChange("rekey", null, e.Type == EngineEventType.IkeSaRekeyed ? "ike_sa" : "ipsec_sa", reason, e.At),
            _ => null,
        };
    }

    /// <summary>The BGP state the history last recorded, or null before the gateway was configured.</summary>
    public static string? BgpState(ConnectionRecord r) => r.History.LastOrDefault(h => h.Field == "bgp")?.To;

    /// <summary>The health state the history last recorded, or null before the first probe result.</summary>
    public static string? HealthState(ConnectionRecord r) => r.History.LastOrDefault(h => h.Field == "healthCheck")?.To;

    static ConnectionRecord? To(ConnectionRecord r, TunnelStatus status, EngineEvent e, string reason, string? extraField = null, string? extraValue = null)
    {
        var next = r;
        if (extraField is not null) next = next.WithChange(extraField, null, extraValue!, reason, e.At);
        if (r.Status != status || r.StatusReason != reason)
            next = next.WithChange("status", ApiNames.Of(r.Status), ApiNames.Of(status), reason, e.At) with { Status = status, StatusReason = reason };
        return ReferenceEquals(next, r) ? null : next;
    }

    /// <summary>A failure with the IKE SA still up (e.g. TS_UNACCEPTABLE for a CHILD SA) leaves ipsec_sa_not_established;
    /// otherwise the tunnel is not established and the reason says why.</summary>
    static ConnectionRecord Failed(ConnectionRecord r, EngineEvent e, string reason)
    {
        var status = r.Status is TunnelStatus.IkeSaEstablished or TunnelStatus.IpsecSaEstablished or TunnelStatus.IpsecSaNotEstablished
            && e.Diagnostic?.Exchange is "CREATE_CHILD_SA"
            ? TunnelStatus.IpsecSaNotEstablished
            : TunnelStatus.IkeSaNotEstablished;
        var next = r.WithChange("negotiation", null, "failed", reason, e.At);
        return next.WithChange("status", ApiNames.Of(r.Status), ApiNames.Of(status), reason, e.At) with { Status = status, StatusReason = reason };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "engine event {Type} recorded for connection {ConnectionId}")]
    static partial void LogRecorded(ILogger log, string type, string connectionId);
}
