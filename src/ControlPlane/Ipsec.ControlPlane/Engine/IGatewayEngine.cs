using Ipsec.Domain;

namespace Ipsec.ControlPlane.Engine;

/// <summary>
/// Everything the control plane needs to negotiate a connection, in one serialisable record: what the activity that
/// configures the engine sends (in process locally; as a command message to the gateway agent on Azure).
/// <see cref="Bgp"/> is the tunnel's BGP peering when BGP is on (PRODUCT.md §5), pushed with the connection so the
/// gateway's BGP speaker gets the tunnel addresses.
/// </summary>
public sealed record GatewayConnectionSpec(string AccountId, string ConnectionId, string GatewayPublicIp, string CustomerGatewayIp,
    ConnectionSettings Settings, string Psk, BgpPeering? Bgp = null)
{
    public override string ToString() => $"GatewayConnectionSpec({AccountId}/{ConnectionId}, psk ***)";
}

/// <summary>The outcome of configuring a connection: accepted by the engine, or why negotiation cannot happen; with the
/// BGP peering the gateway now holds for it, if any.</summary>
public sealed record EngineApplyResult(bool Accepted, string Detail, BgpPeering? Bgp = null);

/// <summary>What the engine knows about one connection right now, and the BGP peering it holds for it.</summary>
public sealed record EngineConnectionState(bool Loaded, bool IkeSaEstablished, bool ChildSaEstablished, string? IkeAlgorithms,
    string? ChildAlgorithms, DateTimeOffset? EstablishedAt, BgpPeering? Bgp = null);

/// <summary>
/// The control plane's one interface to the negotiation engine of a VPN gateway (issue 5, deliverable 1). Activities
/// call it; the engine reports what happens through <see cref="EngineEventRecorder"/>. Calls return quickly: a
/// negotiation's outcome arrives as events, never by an activity blocking for it.
/// </summary>
public interface IGatewayEngine
{
    /// <summary>Loads or replaces the connection; when <c>effectImmediately</c> it starts negotiating.</summary>
    Task<EngineApplyResult> ApplyAsync(GatewayConnectionSpec spec, CancellationToken ct);

    /// <summary>Starts negotiating now (POST /api/connections/{id}/negotiate); the result arrives as events.</summary>
    Task<EngineApplyResult> InitiateAsync(string accountId, string connectionId, CancellationToken ct);

    /// <summary>Deletes the connection's SAs (Delete notifications to the peer) and unloads it. Idempotent.</summary>
    Task RemoveAsync(string accountId, string connectionId, CancellationToken ct);

    Task<EngineConnectionState> QueryAsync(string accountId, string connectionId, CancellationToken ct);
}
